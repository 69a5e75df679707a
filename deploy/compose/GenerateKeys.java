import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Generates one Ed25519 signing key pair per node for docker-compose, as the exchange service reads them (PKCS#8 and
 * X.509 PEM, the format of org.migrex.schema.Ed25519Keys and of openssl genpkey -algorithm ed25519). Keeps keys that
 * exist, so a restart does not change a node's identity. Run with a JDK: java GenerateKeys.java DIR KAZ KGZ
 */
public class GenerateKeys {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (int i = 1; i < args.length; i++) {
            String node = args[i].toLowerCase();
            Path privatePem = dir.resolve(node + "-private.pem");
            Path publicPem = dir.resolve(node + "-public.pem");
            if (Files.exists(privatePem) && Files.exists(publicPem)) {
                System.out.println("keeping the key pair of " + args[i]);
                continue;
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            System.out.println("generated the key pair of " + args[i]);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
