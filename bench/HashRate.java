import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** The password hash's own rate: PBKDF2-HMAC-SHA256 at the service's iterations, on N threads for S seconds. */
public class HashRate {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        factory.generateSecret(new PBEKeySpec("warm".toCharArray(), new byte[16], iterations, 256));
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
                    while (System.nanoTime() < end) {
                        f.generateSecret(
                                new PBEKeySpec("bench password 1".toCharArray(), new byte[16], iterations, 256));
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf("HASHES_PER_SECOND %.2f%n", done.get() / (double) seconds);
    }
}
