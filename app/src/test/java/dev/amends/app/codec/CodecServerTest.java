package dev.amends.app.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.app.api.ApiClient;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The codec server as the Temporal UI and CLI call it: payloads in Temporal's JSON form, encoded
 * and decoded for operators only, from the UI's origin in a browser.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CodecServerTest {
  private static final String UI = "http://localhost:8233";
  private static final String EMAIL = "ana@example.com";

  @Autowired MockMvc mvc;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void givenAnOperator_encodeThenDecodeGivesThePayloadBack_andTheEncodedFormHidesIt()
      throws Exception {
    String plain = payloads("json/plain", "\"" + EMAIL + "\"");

    MockHttpServletResponse encoded = call("/codec/encode", plain, "operator");
    assertThat(encoded.getStatus()).isEqualTo(200);
    JsonNode sealed = json.readTree(encoded.getContentAsString()).get("payloads").get(0);
    assertThat(text(sealed.get("metadata").get("encoding"))).isEqualTo("binary/encrypted");
    assertThat(text(sealed.get("metadata").get("encryption-key-id"))).isNotBlank();
    assertThat(text(sealed.get("data"))).doesNotContain(EMAIL);

    MockHttpServletResponse decoded =
        call("/codec/decode", encoded.getContentAsString(), "operator");
    assertThat(decoded.getStatus()).isEqualTo(200);
    JsonNode back = json.readTree(decoded.getContentAsString()).get("payloads").get(0);
    assertThat(text(back.get("data"))).isEqualTo("\"" + EMAIL + "\"");
    assertThat(text(back.get("metadata").get("encoding"))).isEqualTo("json/plain");
  }

  @Test
  void givenAPayloadWrittenBeforeEncryption_decodeGivesItBackUnchanged() throws Exception {
    String plain = payloads("json/plain", "{\"old\":true}");

    JsonNode back =
        json.readTree(call("/codec/decode", plain, "admin").getContentAsString())
            .get("payloads")
            .get(0);

    assertThat(text(back.get("data"))).isEqualTo("{\"old\":true}");
  }

  @Test
  void givenNoCredentials_itAnswers401_andRolesThatMayNotSeePrivateData403() throws Exception {
    String body = payloads("json/plain", "1");
    assertThat(mvc.perform(post("/codec/decode").content(body)).andReturn().getResponse())
        .satisfies(r -> assertThat(r.getStatus()).isEqualTo(401))
        .satisfies(
            r ->
                assertThat(MediaType.parseMediaType(r.getContentType()))
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON));
    for (String role : new String[] {"service", "editor", "approver"}) {
      assertThat(call("/codec/decode", body, role).getStatus()).as(role).isEqualTo(403);
      assertThat(call("/codec/encode", body, role).getStatus()).as(role).isEqualTo(403);
    }
  }

  @Test
  void givenABrowserOnTheTemporalUi_thePreflightAllowsItsOriginWithCredentials() throws Exception {
    MockHttpServletResponse allowed = preflight(UI);
    assertThat(allowed.getStatus()).isEqualTo(200);
    assertThat(allowed.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(UI);
    assertThat(allowed.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isEqualTo("true");
    assertThat(allowed.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS))
        .containsIgnoringCase("x-namespace")
        .containsIgnoringCase("authorization")
        .containsIgnoringCase("content-type");

    assertThat(preflight("http://evil.example").getStatus()).isEqualTo(403);
  }

  @Test
  void givenAnOperatorLoggedIntoTheConsole_theSessionCookieIsEnough_asTheUiSendsIt()
      throws Exception {
    MvcResult login =
        mvc.perform(formLogin("/login").user("operator").password(ApiClient.DEMO_PASSWORD))
            .andReturn();
    MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);

    MockHttpServletResponse decoded =
        mvc.perform(
                post("/codec/decode")
                    .session(session)
                    .header(HttpHeaders.ORIGIN, UI)
                    .header("X-Namespace", "default")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(payloads("json/plain", "2")))
            .andReturn()
            .getResponse();

    assertThat(decoded.getStatus()).isEqualTo(200);
    assertThat(decoded.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(UI);
  }

  @Test
  void givenSomethingThatIsNotPayloads_itAnswers400() throws Exception {
    assertThat(call("/codec/decode", "{\"payloads\": 7}", "operator").getStatus()).isEqualTo(400);
  }

  private MockHttpServletResponse preflight(String origin) throws Exception {
    return mvc.perform(
            options("/codec/decode")
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(
                    HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS,
                    "content-type,x-namespace,authorization"))
        .andReturn()
        .getResponse();
  }

  private MockHttpServletResponse call(String path, String body, String user) throws Exception {
    MockHttpServletRequestBuilder request =
        post(path)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Namespace", "default")
            .content(body)
            .with(httpBasic(user, ApiClient.DEMO_PASSWORD));
    return mvc.perform(request).andReturn().getResponse();
  }

  private static String payloads(String encoding, String data) {
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + b64(encoding)
        + "\"},\"data\":\""
        + b64(data)
        + "\"}]}";
  }

  private static String b64(String text) {
    return Base64.getEncoder()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String text(JsonNode base64) {
    return new String(
        Base64.getDecoder().decode(base64.asText()), java.nio.charset.StandardCharsets.UTF_8);
  }
}
