package example;

/** A class whose static initializer fails: the init error carries the exception. */
public class BrokenInit {
    static {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
            throw new IllegalStateException("static init failed");
        }
    }

    public String handleRequest(String input) {
        return input;
    }
}
