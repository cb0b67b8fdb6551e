package dev.sigil.keys;

import dev.sigil.config.InvalidConfiguration;
import dev.sigil.config.JwtAlgorithm;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Key generation, PEM reading, encodings and RFC 7638 thumbprints for RS256 and ES256 keys. */
final class KeyMaterial {

    static final int MIN_RSA_BITS = 2048;
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private KeyMaterial() {
    }

    static KeyPair generate(JwtAlgorithm algorithm) {
        try {
            if (algorithm == JwtAlgorithm.RS256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(MIN_RSA_BITS);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot generate a " + algorithm + " key", e);
        }
    }

    /** Reads a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC) and derives its public key. */
    static KeyPair readPem(Path file, JwtAlgorithm algorithm) {
        Object parsed;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            parsed = pem.readObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfiguration("SIGIL_JWT_KEY_FILE", "cannot be read as a PEM private key: " + file);
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            KeyPair pair;
            if (parsed instanceof PEMKeyPair keyPair) {
                pair = converter.getKeyPair(keyPair);
            } else if (parsed instanceof PrivateKeyInfo info) {
                PrivateKey privateKey = converter.getPrivateKey(info);
                pair = new KeyPair(derivePublic(privateKey), privateKey);
            } else {
                throw new InvalidConfiguration("SIGIL_JWT_KEY_FILE",
                        "holds no unencrypted private key (expected BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
            }
            return checked(pair, algorithm);
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidConfiguration("SIGIL_JWT_KEY_FILE", "holds a private key that cannot be used: " + e.getMessage());
        }
    }

    private static KeyPair checked(KeyPair pair, JwtAlgorithm algorithm) {
        if (algorithm == JwtAlgorithm.RS256) {
            if (!(pair.getPublic() instanceof RSAPublicKey rsa)) {
                throw new InvalidConfiguration("SIGIL_JWT_KEY_FILE", "must hold an RSA key for RS256");
            }
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new InvalidConfiguration("SIGIL_JWT_KEY_FILE", "must hold an RSA key of at least " + MIN_RSA_BITS
                        + " bits, got " + rsa.getModulus().bitLength());
            }
        } else if (!(pair.getPublic() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new InvalidConfiguration("SIGIL_JWT_KEY_FILE", "must hold a P-256 EC key for ES256");
        }
        return pair;
    }

    private static PublicKey derivePublic(PrivateKey privateKey) throws GeneralSecurityException {
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (privateKey instanceof ECPrivateKey ec) {
            ECNamedCurveParameterSpec p256 = ECNamedCurveTable.getParameterSpec("secp256r1");
            ECPublicKeySpec spec = new ECPublicKeySpec(p256.getG().multiply(ec.getS()).normalize(), p256);
            PublicKey bcKey = KeyFactory.getInstance("EC", new BouncyCastleProvider()).generatePublic(spec);
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(bcKey.getEncoded()));
        }
        throw new GeneralSecurityException("unsupported key type " + privateKey.getAlgorithm());
    }

    static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static KeyPair decode(JwtAlgorithm algorithm, String publicKey, String privateKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm == JwtAlgorithm.RS256 ? "RSA" : "EC");
            return new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored signing key cannot be decoded", e);
        }
    }

    /** RFC 7638 JWK thumbprint (SHA-256, base64url): a kid that names the key and nothing else. */
    static String thumbprint(PublicKey key) {
        String canonical;
        if (key instanceof RSAPublicKey rsa) {
            canonical = "{\"e\":\"" + unsigned(rsa.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                    + unsigned(rsa.getModulus()) + "\"}";
        } else if (key instanceof ECPublicKey ec) {
            canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(ec.getW().getAffineX())
                    + "\",\"y\":\"" + coordinate(ec.getW().getAffineY()) + "\"}";
        } else {
            throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
        }
        return URL.encodeToString(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** base64url of the big-endian magnitude without a sign byte (RFC 7518 §6.3.1). */
    static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return URL.encodeToString(bytes);
    }

    /** base64url of a P-256 coordinate, always 32 bytes (RFC 7518 §6.2.1.2). */
    static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return URL.encodeToString(fixed);
    }
}
