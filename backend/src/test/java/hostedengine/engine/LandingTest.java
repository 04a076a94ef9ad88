package hostedengine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The engine a registered host belongs to, named by its CA as engine-setup makes it. */
class LandingTest {
    @Test
    void theEnginesNameIsTheCasCommonNameWithoutItsRandomSuffix() {
        assertThat(Landing.engineFqdn("CN=engine.example.com.87391,O=example.com,C=US")).contains("engine.example.com");
        assertThat(Landing.engineFqdn("C=US,O=example.com,CN=manager.lab.example.org.12")).contains("manager.lab.example.org");
        assertThat(Landing.engineFqdn("CN=engine.example.com")).contains("engine.example.com");
        assertThat(Landing.engineFqdn("O=example.com,C=US")).isEmpty();
        assertThat(Landing.engineFqdn("CN=localhost")).isEmpty();
        assertThat(Landing.engineFqdn("CN=evil.example.com/x\",O=a")).isEmpty();
    }
}
