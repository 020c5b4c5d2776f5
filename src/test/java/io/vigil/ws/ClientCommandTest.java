package io.vigil.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ClientCommandTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheActions() {
        ClientCommand subscribe = ClientCommand.parse(json, "{\"action\":\"subscribe\",\"topics\":[\"host\",\"alerts\"]}");
        assertThat(subscribe.error()).isNull();
        assertThat(subscribe.topics()).containsExactly("host", "alerts");
        assertThat(ClientCommand.parse(json, "{\"action\":\"get_current_data\"}").action()).isEqualTo("get_current_data");
        assertThat(ClientCommand.parse(json, "get_current_data").action()).isEqualTo("get_current_data");
    }

    @Test
    void saysWhatIsWrong() {
        assertThat(ClientCommand.parse(json, "").error()).contains("empty");
        assertThat(ClientCommand.parse(json, "{oops").error()).contains("not JSON");
        assertThat(ClientCommand.parse(json, "[1,2]").error()).contains("JSON object");
        assertThat(ClientCommand.parse(json, "{\"topics\":[]}").error()).contains("\"action\" is missing");
        assertThat(ClientCommand.parse(json, "{\"action\":\"subscribe\",\"topics\":[1]}").error()).contains("array of strings");
        assertThat(ClientCommand.parse(json, "{\"action\":\"fly\"}").error()).contains("unknown action 'fly'");
        assertThat(ClientCommand.parse(json, "x".repeat(20_000)).error()).contains("longer than");
    }
}
