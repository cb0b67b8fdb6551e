package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OAuth 2.0 facade as an off-the-shelf client sees it: the Nimbus OAuth 2.0 SDK discovers the endpoints (RFC
 * 8414), runs the password and refresh grants, revokes (RFC 7009) and introspects (RFC 7662) with an admin's bearer.
 */
class OAuth2NimbusIT {

    private static final ClientID CLIENT = new ClientID("nimbus-it");

    private static SigilServer server;
    private static Accounts accounts;
    private static AuthorizationServerMetadata metadata;

    @BeforeAll
    static void discover() throws Exception {
        server = SigilServer.main();
        accounts = new Accounts(server);
        // resolve() fetches /.well-known/oauth-authorization-server and checks that its issuer is the one asked for.
        metadata = AuthorizationServerMetadata.resolve(new Issuer(server.issuer()));
    }

    private static TokenResponse token(AuthorizationGrant grant) throws Exception {
        return TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), CLIENT, grant)
                .toHTTPRequest().send());
    }

    private static Tokens passwordGrant(String username) throws Exception {
        TokenResponse response = token(new ResourceOwnerPasswordCredentialsGrant(username,
                new Secret(Accounts.PASSWORD)));
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        return response.toSuccessResponse().getTokens();
    }

    private static TokenIntrospectionSuccessResponse introspect(com.nimbusds.oauth2.sdk.token.Token token)
            throws Exception {
        BearerAccessToken admin = new BearerAccessToken(accounts.adminToken());
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(
                new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), admin, token)
                        .toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        return response.toSuccessResponse();
    }

    private static int me(AccessToken token) {
        return server.http().get("/api/me", token.getValue()).status();
    }

    @Test
    void aWrongPasswordIsAnInvalidGrantErrorResponse() throws Exception {
        String username = accounts.createUser("nimbus-wrong");
        TokenResponse response = token(new ResourceOwnerPasswordCredentialsGrant(username,
                new Secret("not the password at all")));
        assertFalse(response.indicatesSuccess());
        ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), error.getCode());
        assertEquals(400, error.getHTTPStatusCode());
    }

    @Test
    void aLockedNameIsAnInvalidGrantErrorResponseTheSdkReads() throws Exception {
        String username = accounts.createUser("nimbus-lock");
        for (int i = 0; i < 5; i++) {
            token(new ResourceOwnerPasswordCredentialsGrant(username, new Secret("wrong password " + i)));
        }
        HTTPResponse http = new TokenRequest(metadata.getTokenEndpointURI(), CLIENT,
                new ResourceOwnerPasswordCredentialsGrant(username, new Secret(Accounts.PASSWORD))).toHTTPRequest()
                .send();
        ErrorObject error = TokenResponse.parse(http).toErrorResponse().getErrorObject();
        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), error.getCode());
        assertEquals("This account is temporarily locked.", error.getDescription());
        assertTrue(Long.parseLong(http.getHeaderValue("Retry-After")) > 0);
    }

    @Test
    void clientSecretBasicIsAnInvalidClientErrorResponse() throws Exception {
        String username = accounts.createUser("nimbus-basic");
        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(CLIENT, new Secret("a secret")),
                new ResourceOwnerPasswordCredentialsGrant(username, new Secret(Accounts.PASSWORD)))
                .toHTTPRequest().send());
        ErrorObject error = response.toErrorResponse().getErrorObject();
        assertEquals(OAuth2Error.INVALID_CLIENT.getCode(), error.getCode());
        assertEquals(401, error.getHTTPStatusCode());
    }

    @Test
    void aRevokedRefreshTokenIsAnInvalidGrantForTheSdk() throws Exception {
        String username = accounts.createUser("nimbus-revoked");
        Tokens tokens = passwordGrant(username);
        HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), CLIENT,
                tokens.getRefreshToken()).toHTTPRequest().send();
        assertEquals(200, revoked.getStatusCode());
        TokenResponse response = token(new RefreshTokenGrant(tokens.getRefreshToken()));
        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), response.toErrorResponse().getErrorObject().getCode());
        assertEquals(401, me(tokens.getAccessToken()));
    }

    @Test
    void revokingAnAccessTokenEndsItsSession() throws Exception {
        String username = accounts.createUser("nimbus-reva");
        Tokens tokens = passwordGrant(username);
        assertEquals(200, me(tokens.getAccessToken()));
        HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), CLIENT,
                tokens.getAccessToken()).toHTTPRequest().send();
        assertEquals(200, revoked.getStatusCode());
        assertEquals(401, me(tokens.getAccessToken()));
        assertFalse(introspect(tokens.getAccessToken()).isActive());
        assertFalse(introspect(tokens.getRefreshToken()).isActive());
    }

    @Test
    void theMetadataParsesAndNamesWhatSigilDoes() {
        assertEquals(new Issuer(server.issuer()), metadata.getIssuer());
        assertEquals(URI.create(server.issuer() + "/oauth2/token"), metadata.getTokenEndpointURI());
        assertEquals(URI.create(server.issuer() + "/oauth2/revoke"), metadata.getRevocationEndpointURI());
        assertEquals(URI.create(server.issuer() + "/oauth2/introspect"), metadata.getIntrospectionEndpointURI());
        assertEquals(URI.create(server.issuer() + "/.well-known/jwks.json"), metadata.getJWKSetURI());
        assertEquals(List.of(GrantType.PASSWORD, GrantType.REFRESH_TOKEN), metadata.getGrantTypes());
        assertEquals(List.of(ClientAuthenticationMethod.NONE), metadata.getTokenEndpointAuthMethods());
        assertEquals(List.of(ClientAuthenticationMethod.NONE), metadata.getRevocationEndpointAuthMethods());
        assertEquals(List.of(), metadata.getResponseTypes());
        assertEquals(List.of("RS256"), metadata.getCustomParameters().get("access_token_signing_alg_values_supported"));
    }

    @Test
    void passwordGrantRefreshAndIntrospectionWorkOffTheShelf() throws Exception {
        String username = accounts.createUser("nimbus");
        Tokens tokens = passwordGrant(username);
        assertEquals(300, tokens.getAccessToken().getLifetime());
        assertEquals(200, me(tokens.getAccessToken()));

        // The access token verifies with the JWKS the metadata names, by Nimbus' own JOSE processor.
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(
                new com.nimbusds.jose.JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build()));
        JWTClaimsSet claims = processor.process(tokens.getAccessToken().getValue(), null);
        assertEquals(username, claims.getStringClaim("upn"));

        TokenIntrospectionSuccessResponse access = introspect(tokens.getAccessToken());
        assertTrue(access.isActive());
        assertEquals(username, access.getUsername());
        assertEquals(CLIENT, access.getClientID());
        assertEquals(claims.getSubject(), access.getSubject().getValue());
        assertEquals(new Issuer(server.issuer()), access.getIssuer());
        assertEquals(claims.getExpirationTime(), access.getExpirationTime());
        assertEquals(claims.getJWTID(), access.getJWTID().getValue());
        assertEquals("Bearer", access.getStringParameter("token_type"));

        TokenIntrospectionSuccessResponse refresh = introspect(tokens.getRefreshToken());
        assertTrue(refresh.isActive());
        assertEquals("refresh_token", refresh.getStringParameter("token_type"));
        assertEquals(CLIENT, refresh.getClientID());

        TokenResponse rotated = token(new RefreshTokenGrant(tokens.getRefreshToken()));
        assertTrue(rotated.indicatesSuccess(), () -> rotated.toErrorResponse().getErrorObject().toString());
        RefreshToken next = rotated.toSuccessResponse().getTokens().getRefreshToken();
        assertNotEquals(tokens.getRefreshToken(), next);
        assertFalse(introspect(tokens.getRefreshToken()).isActive(), "the spent token is no longer live");
        assertTrue(introspect(next).isActive());
        assertEquals(200, me(rotated.toSuccessResponse().getTokens().getAccessToken()));
    }
}
