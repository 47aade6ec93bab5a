package example;

import com.amazonaws.services.lambda.runtime.Context;

/** Method handlers of the other shapes: strings, numbers, no context, static, void, failures and a slow one. */
public class Simple {
    public String upper(String input) {
        return input.toUpperCase();
    }

    public static Integer add(java.util.List<Integer> numbers) {
        int sum = 0;
        for (Integer n : numbers) {
            sum += n;
        }

        return sum;
    }

    public void nothing(Object event, Context context) {
        System.out.println("void handler ran");
    }

    public String fail(String input) {
        throw new IllegalStateException("bad input: " + input, new IllegalArgumentException("root cause"));
    }

    public int hog(Object event) {
        java.util.List<byte[]> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            blocks.add(new byte[16 * 1024 * 1024]);
        }

        return blocks.size();
    }

    public String slow(Object event) throws InterruptedException {
        Thread.sleep(30000);
        return "late";
    }
}
