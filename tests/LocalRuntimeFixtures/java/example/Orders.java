package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;

/** RequestHandler with POJOs: public fields in, getters out. */
public class Orders implements RequestHandler<Orders.Order, Orders.Receipt> {
    public static class Order {
        public String id;
        public int quantity;
        public List<Line> lines;
    }

    public static class Line {
        private String sku;
        private double price;

        public void setSku(String sku) {
            this.sku = sku;
        }

        public void setPrice(double price) {
            this.price = price;
        }

        public String getSku() {
            return sku;
        }

        public double getPrice() {
            return price;
        }
    }

    public static class Receipt {
        private final String orderId;
        private final double total;
        private final boolean large;

        Receipt(String orderId, double total, boolean large) {
            this.orderId = orderId;
            this.total = total;
            this.large = large;
        }

        public String getOrderId() {
            return orderId;
        }

        public double getTotal() {
            return total;
        }

        public boolean isLarge() {
            return large;
        }
    }

    @Override
    public Receipt handleRequest(Order order, Context context) {
        double total = 0;
        for (Line line : order.lines) {
            total += line.getPrice() * order.quantity;
        }

        return new Receipt(order.id, total, total > 100);
    }
}
