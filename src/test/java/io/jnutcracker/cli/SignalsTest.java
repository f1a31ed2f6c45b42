package io.jnutcracker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Which signals HotSpot lets the proxy handle: every one nutcracker handles (SIGHUP, SIGINT,
 * SIGTERM, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2) is accepted; SIGQUIT (thread dumps) and SIGSEGV are
 * the VM's. Each handler is put back at once so this JVM keeps its own behaviour.
 */
class SignalsTest {
    @Test
    void theJvmLetsUsHandleEverySignalNutcrackerHandles() {
        for (Signals.Handled h : Signals.HANDLED) {
            Signal signal = new Signal(h.name());
            assertThat(signal.getNumber()).as(h.name()).isEqualTo(h.number());
            SignalHandler previous = Signal.handle(signal, s -> { });
            Signal.handle(signal, previous);
        }
    }

    @Test
    void theJvmKeepsQuitAndSegvForItself() {
        assertThatThrownBy(() -> Signal.handle(new Signal("QUIT"), s -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Signal.handle(new Signal("SEGV"), s -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logLevelStepsStayWithin0And11() {
        int saved = LogSetup.verbosity();
        try {
            assertThat(LogSetup.setVerbosity(12)).isEqualTo(11);
            assertThat(LogSetup.setVerbosity(-1)).isZero();
            assertThat(LogSetup.levelOf(5).toString()).isEqualTo("INFO");
            assertThat(LogSetup.levelOf(6).toString()).isEqualTo("DEBUG");
            assertThat(LogSetup.levelOf(4).toString()).isEqualTo("WARN");
            assertThat(LogSetup.levelOf(3).toString()).isEqualTo("ERROR");
            assertThat(LogSetup.levelOf(8).toString()).isEqualTo("TRACE");
        } finally {
            LogSetup.setVerbosity(saved);
        }
    }
}
