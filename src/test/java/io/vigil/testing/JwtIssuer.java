package io.vigil.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small OpenID provider as Keycloak would be for the realm {@code lab}: it publishes its RSA key as a JWKS on
 * {@link TestPorts#issuerPort()} (where the test profile's {@code mp.jwt.verify.publickey.location} points) and signs
 * access tokens whose roles are in {@code realm_access.roles}. The key pair is made once per JVM and kept in system
 * properties, so whichever class loader signs, the app (which caches the JWKS it fetched) verifies.
 */
public final class JwtIssuer implements AutoCloseable {

    public static final String REALM = "/realms/lab";
    public static final String JWKS_PATH = REALM + "/protocol/openid-connect/certs";
    public static final String AUDIENCE = "vigil";
    static final String KEY_ID = "lab-signing-key";
    private static final String PUBLIC_KEY = "vigil.test.issuer.public-key";
    private static final String PRIVATE_KEY = "vigil.test.issuer.private-key";

    private final HttpServer server;
    private final KeyPair keys;

    private JwtIssuer(HttpServer server, KeyPair keys) {
        this.server = server;
        this.keys = keys;
    }

    /** Starts publishing the JWKS; close it when done. */
    public static JwtIssuer start() {
        KeyPair keys = sharedKeys();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", TestPorts.issuerPort()), 0);
            String jwks = jwks((RSAPublicKey) keys.getPublic());
            server.createContext(JWKS_PATH, exchange -> answer(exchange, jwks));
            server.start();
            return new JwtIssuer(server, keys);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + TestPorts.issuerPort(), e);
        }
    }

    /** The {@code iss} of this issuer's tokens, as the test profile's {@code mp.jwt.verify.issuer} expects it. */
    public static String issuer() {
        return "http://localhost:" + TestPorts.issuerPort() + REALM;
    }

    /**
     * Claims of an access token for Vigil valid for five minutes, issued to {@code username} with these realm roles.
     * Tests change what they want to break before signing.
     */
    public static JwtClaims claims(String username, String... realmRoles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setAudience(AUDIENCE);
        claims.setSubject(UUID.randomUUID().toString());
        claims.setClaim("preferred_username", username);
        claims.setClaim("realm_access", Map.of("roles", List.of(realmRoles)));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        return claims;
    }

    /** A signed access token, as the provider would hand it out. */
    public String sign(JwtClaims claims) {
        return sign(claims, keys.getPrivate());
    }

    /** A token that names this issuer's key but is signed by a key nobody published. */
    public static String signWithAnotherKey(JwtClaims claims) {
        return sign(claims, newKeys().getPrivate());
    }

    private static String sign(JwtClaims claims, PrivateKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(KEY_ID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(RSAPublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(KEY_ID);
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        return new JsonWebKeySet(jwk).toJson();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static synchronized KeyPair sharedKeys() {
        Base64.Encoder encoder = Base64.getEncoder();
        if (System.getProperty(PRIVATE_KEY) == null) {
            KeyPair made = newKeys();
            System.setProperty(PUBLIC_KEY, encoder.encodeToString(made.getPublic().getEncoded()));
            System.setProperty(PRIVATE_KEY, encoder.encodeToString(made.getPrivate().getEncoded()));
        }
        Base64.Decoder decoder = Base64.getDecoder();
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(decoder.decode(System.getProperty(PUBLIC_KEY)))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(System.getProperty(PRIVATE_KEY)))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
