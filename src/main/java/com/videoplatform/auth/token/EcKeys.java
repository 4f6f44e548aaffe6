package com.videoplatform.auth.token;

import com.videoplatform.auth.platform.InvalidSetting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.keys.EllipticCurves;

/**
 * EC P-256 keys for ES256 (docs/configuration.md, "Signing keys"): read from PEM text or a PEM file
 * (PKCS#8 private keys, X.509 public keys, what {@code openssl genpkey} and {@code openssl pkey
 * -pubout} write), and a development key generated once into the data directory.
 */
final class EcKeys {

    static final String KEY_FILE = "jwt-es256.pem";

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private EcKeys() {}

    /** A PKCS#8 P-256 private key from PEM text or the path of a PEM file. */
    static ECPrivateKey privateKey(String pemOrPath, String setting) {
        byte[] der = block(read(pemOrPath, setting), "PRIVATE KEY", setting);
        try {
            if (KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof ECPrivateKey key
                    && isP256(key.getParams())) {
                return key;
            }
        } catch (GeneralSecurityException e) {
            // reported below, without the key's bytes
        }
        throw new InvalidSetting(setting, "is not an EC P-256 private key in PKCS#8 PEM");
    }

    /** An X.509 (SubjectPublicKeyInfo) P-256 public key from PEM text or the path of a PEM file. */
    static ECPublicKey publicKey(String pemOrPath, String setting) {
        byte[] der = block(read(pemOrPath, setting), "PUBLIC KEY", setting);
        try {
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) instanceof ECPublicKey key
                    && isP256(key.getParams())) {
                return key;
            }
        } catch (GeneralSecurityException e) {
            // reported below
        }
        throw new InvalidSetting(setting, "has a key that is not an EC P-256 public key in PEM");
    }

    /**
     * The public key of a private key. The JDK has no call for it, and a PKCS#8 file need not hold
     * it, so it is computed with the JDK's own primitives: ECDH of the private key with the curve's
     * generator gives the x of the public point; y is one of the two roots of the curve equation
     * (P-256's prime is 3 mod 4, so a root is one modPow), and the one whose key verifies a
     * signature of the private key is it.
     */
    static ECPublicKey publicKeyOf(ECPrivateKey key) {
        try {
            ECParameterSpec params = key.getParams();
            KeyFactory factory = KeyFactory.getInstance("EC");
            var agreement = javax.crypto.KeyAgreement.getInstance("ECDH");
            agreement.init(key);
            agreement.doPhase(factory.generatePublic(new ECPublicKeySpec(params.getGenerator(), params)), true);
            BigInteger x = new BigInteger(1, agreement.generateSecret());
            BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
            BigInteger rhs = x.pow(3)
                    .add(params.getCurve().getA().multiply(x))
                    .add(params.getCurve().getB())
                    .mod(p);
            BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            byte[] probe = "video-auth key check".getBytes(StandardCharsets.UTF_8);
            signer.update(probe);
            byte[] signature = signer.sign();
            for (BigInteger candidate : List.of(y, p.subtract(y))) {
                ECPublicKey pub =
                        (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, candidate), params));
                Signature verifier = Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(pub);
                verifier.update(probe);
                if (verifier.verify(signature)) {
                    return pub;
                }
            }
            throw new IllegalStateException("no public key verifies the private key's signature");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public key of the signing key", e);
        }
    }

    /** The key file's private key, made on first use and readable by the owner only. */
    static ECPrivateKey loadOrGenerate(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, pem("PRIVATE KEY", der));
                } catch (FileAlreadyExistsException raced) {
                    // another node on this data directory made it first; use theirs
                }
            }
            return privateKey(file.toString(), "the key file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key in " + dataDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java has no EC P-256 support", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getOrder().equals(EllipticCurves.P256.getOrder())
                && params.getCurve().equals(EllipticCurves.P256.getCurve());
    }

    private static String read(String pemOrPath, String setting) {
        if (pemOrPath.contains("-----BEGIN")) {
            return pemOrPath;
        }
        try {
            return Files.readString(Path.of(pemOrPath.strip()));
        } catch (IOException | InvalidPathException e) {
            throw new InvalidSetting(setting, "is neither PEM text nor the path of a readable PEM file");
        }
    }

    private static byte[] block(String text, String type, String setting) {
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(matcher.group(2));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSetting(setting, "has a PEM block that is not base64");
                }
            }
        }
        String hint = type.equals("PRIVATE KEY") && text.contains("BEGIN EC PRIVATE KEY")
                ? " (this is a SEC1 key: convert it with openssl pkcs8 -topk8 -nocrypt)"
                : "";
        throw new InvalidSetting(setting, "has no -----BEGIN " + type + "----- block" + hint);
    }
}
