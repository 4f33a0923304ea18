package dev.cachet.engine.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** cachet.yaml's endpoint section and cache.l2: read over the defaults, written back, errors that say what to write. */
class EndpointAndTeamConfigTest {

    private final ConfigFile file = new ConfigFile();

    @Test void defaults_endpointOff_onLoopback_noTeamCache() throws Exception {
        CachetConfig c = file.parse("", "cachet.yaml");
        assertThat(c.endpoint()).isEqualTo(EndpointSettings.DEFAULTS);
        assertThat(c.endpoint().enabled()).isFalse();
        assertThat(c.endpoint().host()).isEqualTo("127.0.0.1");
        assertThat(c.cache().l2()).isNull();
    }

    @Test void endpointAndTeamCache_readAndWriteBack() throws Exception {
        CachetConfig c = file.parse("""
                endpoint: {enabled: true, port: 9090}
                cache: {l2: "rediss://cachet@redis.team.example:6380/2", l2PasswordEnv: TEAM_REDIS_PASSWORD}
                """, "cachet.yaml");
        assertThat(c.endpoint().enabled()).isTrue();
        assertThat(c.endpoint().port()).isEqualTo(9090);
        assertThat(c.endpoint().host()).isEqualTo("127.0.0.1");
        var address = RedisAddress.parse(c.cache().l2());
        assertThat(address).isEqualTo(new RedisAddress("redis.team.example", 6380, 2, "cachet", true));
        assertThat(c.cache().l2PasswordEnv()).isEqualTo("TEAM_REDIS_PASSWORD");
        assertThat(c.cache().l1MaxBytes()).isEqualTo(CacheSettings.DEFAULTS.l1MaxBytes());
        String yaml = file.toYaml(c);
        assertThat(yaml).contains("l2:", "enabled: true", "port: 9090").doesNotContain("maxBodyBytes");
        assertThat(file.parse(yaml, "cachet.yaml")).isEqualTo(c);
    }

    @Test void aPasswordInTheAddress_isRefused_pointingAtTheEnvironmentVariable() {
        assertThatThrownBy(() -> file.parse("cache: {l2: \"redis://u:secret@h:6379/0\"}", "cachet.yaml"))
                .hasMessageContaining("cachet.yaml:1:").hasMessageContaining("field cache")
                .hasMessageContaining("l2PasswordEnv").hasMessageNotContaining("secret");
    }

    @Test void notARedisAddress_orABadPort_saySo() {
        assertThatThrownBy(() -> file.parse("cache: {l2: \"http://h:6379\"}", "cachet.yaml")).hasMessageContaining("redis://");
        assertThatThrownBy(() -> file.parse("cache: {l2: \"redis://h:6379/x\"}", "cachet.yaml")).hasMessageContaining("database 'x'");
        assertThatThrownBy(() -> file.parse("endpoint: {port: 70000}", "cachet.yaml"))
                .hasMessageContaining("field endpoint.port: must be within 0..65535");
    }

    @Test void redisAddress_printsWithoutSecrets() {
        assertThat(RedisAddress.parse("redis://h").toString()).isEqualTo("redis://h:6379/0");
    }
}
