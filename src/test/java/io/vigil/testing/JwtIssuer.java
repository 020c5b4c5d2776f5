package io.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small OpenID provider as Keycloak would be for the realm {@code lab}: it publishes its RSA key as a JWKS on
 * {@link TestPorts#issuerPort()} (where the test profile's {@code mp.jwt.verify.publickey.location} points) and signs
 * access tokens whose roles are in {@code realm_access.roles}. The key pair is made once per JVM and kept in system
 * properties, so whichever class loader signs, the app (which caches the JWKS it fetched) verifies.
 * <p>
 * It also signs people in as Keycloak does for the dashboard's public client {@value #CLIENT_ID} (authorization code
 * with PKCE): its authorization endpoint consents at once for {@value #USER} (realm role {@value #USER_ROLE}) and
 * redirects back with a code; its token endpoint checks the code, the redirect URI and the PKCE verifier (S256) and
 * answers with an access token and an ID token carrying the nonce, with CORS headers for the registered web origin.
 */
public final class JwtIssuer implements AutoCloseable {

    public static final String REALM = "/realms/lab";
    public static final String JWKS_PATH = REALM + "/protocol/openid-connect/certs";
    public static final String AUDIENCE = "vigil";
    public static final String AUTHORIZE_PATH = REALM + "/protocol/openid-connect/auth";
    public static final String TOKEN_PATH = REALM + "/protocol/openid-connect/token";
    /** The dashboard's client, as the test profile's vigil.auth.oidc.login.client-id names it. */
    public static final String CLIENT_ID = "vigil-dashboard";
    /** Whom the authorization endpoint signs in, and the realm role that makes an operator in the test profile. */
    public static final String USER = "olivia";
    public static final String USER_ROLE = "lab-operators";
    static final String KEY_ID = "lab-signing-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PUBLIC_KEY = "vigil.test.issuer.public-key";
    private static final String PRIVATE_KEY = "vigil.test.issuer.private-key";

    /** A code handed out and not yet redeemed, with what its redemption must match. */
    private record Grant(String redirectUri, String challenge, String nonce) {
    }

    /** A request to the token endpoint: its form, and the status it was answered with. */
    public record TokenRequest(Map<String, String> form, int status) {
    }

    private final HttpServer server;
    private final KeyPair keys;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile String redirectUri;
    private volatile String webOrigin;
    private volatile Duration accessTokenLifetime = Duration.ofMinutes(5);
    private volatile boolean forgeNextState;

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
            JwtIssuer issuer = new JwtIssuer(server, keys);
            server.createContext(AUTHORIZE_PATH, issuer::authorize);
            server.createContext(TOKEN_PATH, issuer::token);
            server.start();
            return issuer;
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

    /**
     * Registers the dashboard as Keycloak's client settings would: its valid redirect URI (the page, e.g.
     * {@code http://localhost:8081/}) and its web origin (the page's origin), which the token endpoint's CORS allows.
     */
    public void registerDashboard(String pageUrl) {
        this.redirectUri = pageUrl;
        this.webOrigin = pageUrl.replaceFirst("^(https?://[^/]+).*$", "$1");
    }

    /** How long the access tokens the token endpoint hands out are valid (five minutes unless a test shortens it). */
    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    /** The next sign-in comes back with a state the page did not send, as a forged or replayed answer would. */
    public void forgeNextState() {
        this.forgeNextState = true;
    }

    /** What the token endpoint was asked, oldest first. */
    public List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** The authorization endpoint: checks the request as Keycloak would, consents at once and redirects back. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        String problem = !CLIENT_ID.equals(q.get("client_id"))
                ? "unknown client_id " + q.get("client_id")
                : redirectUri == null || !redirectUri.equals(q.get("redirect_uri"))
                        ? "invalid redirect_uri " + q.get("redirect_uri")
                        : !"code".equals(q.get("response_type"))
                                ? "response_type must be code"
                                : !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null
                                        ? "PKCE with S256 is required"
                                        : q.get("state") == null || q.get("nonce") == null
                                                ? "state and nonce are required"
                                                : !List.of(q.getOrDefault("scope", "").split(" ")).contains("openid")
                                                        ? "scope must include openid"
                                                        : null;
        if (problem != null) {
            // As Keycloak does: a request it cannot trust gets an error page, never a redirect.
            send(exchange, 400, "text/plain", problem, null);
            return;
        }
        String code = random();
        grants.put(code, new Grant(q.get("redirect_uri"), q.get("code_challenge"), q.get("nonce")));
        String state = forgeNextState ? "forged-" + random() : q.get("state");
        forgeNextState = false;
        String location = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?") + "state=" + encode(state)
                + "&session_state=" + random() + "&iss=" + encode(issuer()) + "&code=" + code;
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** The token endpoint: a code is redeemed once, by the redirect URI and the verifier it was issued for. */
    private void token(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String allowed = origin != null && origin.equals(webOrigin) ? origin : null;
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
            send(exchange, 204, null, null, allowed);
            return;
        }
        Map<String, String> form;
        try (InputStream in = exchange.getRequestBody()) {
            form = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Grant grant = form.get("code") == null ? null : grants.remove(form.get("code"));
        String problem = !"authorization_code".equals(form.get("grant_type"))
                ? "unsupported grant_type"
                : !CLIENT_ID.equals(form.get("client_id"))
                        ? "unknown client_id"
                        : grant == null
                                ? "Code not valid"
                                : !grant.redirectUri().equals(form.get("redirect_uri"))
                                        ? "Incorrect redirect_uri"
                                        : form.get("code_verifier") == null
                                                || !grant.challenge().equals(s256(form.get("code_verifier")))
                                                        ? "PKCE verification failed: Invalid code verifier"
                                                        : null;
        if (problem != null) {
            tokenRequests.add(new TokenRequest(form, 400));
            send(exchange, 400, "application/json",
                    JSON.writeValueAsString(Map.of("error", "invalid_grant", "error_description", problem)), allowed);
            return;
        }
        JwtClaims access = claims(USER, USER_ROLE);
        access.setClaim("azp", CLIENT_ID);
        NumericDate expires = NumericDate.fromMilliseconds(System.currentTimeMillis() + accessTokenLifetime.toMillis());
        access.setExpirationTime(expires);
        JwtClaims id = new JwtClaims();
        id.setIssuer(issuer());
        id.setAudience(CLIENT_ID);
        id.setSubject(access.getClaimValueAsString("sub"));
        id.setClaim("preferred_username", USER);
        id.setClaim("nonce", grant.nonce());
        id.setIssuedAtToNow();
        id.setExpirationTime(expires);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", sign(access));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokenLifetime.toSeconds());
        answer.put("id_token", sign(id));
        answer.put("scope", "openid profile");
        tokenRequests.add(new TokenRequest(form, 200));
        send(exchange, 200, "application/json", JSON.writeValueAsString(answer), allowed);
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Answers with this status and body; with CORS for {@code allowedOrigin} when it is not null. */
    private static void send(HttpExchange exchange, int status, String contentType, String body, String allowedOrigin)
            throws IOException {
        if (allowedOrigin != null) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowedOrigin);
            exchange.getResponseHeaders().set("Vary", "Origin");
        }
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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
