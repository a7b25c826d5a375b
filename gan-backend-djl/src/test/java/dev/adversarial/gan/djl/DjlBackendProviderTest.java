package dev.adversarial.gan.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import java.io.IOException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Device choice, the offline default and the load-failure message, without loading anything. */
class DjlBackendProviderTest {
    @Test
    void aGpuIsUsedWhenDjlSeesOne() {
        assertThat(DjlBackendProvider.chooseDevice(null, 2, true)).isEqualTo(Device.gpu(0));
        assertThat(DjlBackendProvider.chooseDevice("", 1, true)).isEqualTo(Device.gpu(0));
        assertThat(DjlBackendProvider.chooseDevice(null, 0, false)).isEqualTo(Device.cpu());
        assertThat(DjlBackendProvider.chooseDevice(null, 0, true)).isEqualTo(Device.cpu());
    }

    @Test
    void thePropertyOverridesTheChoice() {
        assertThat(DjlBackendProvider.chooseDevice("cpu", 2, true)).isEqualTo(Device.cpu());
        assertThat(DjlBackendProvider.chooseDevice(" GPU ", 1, true)).isEqualTo(Device.gpu(0));
    }

    @Test
    void askingForAMissingGpuSaysWhyAndWhatToDo() {
        assertThatThrownBy(() -> DjlBackendProvider.chooseDevice("gpu", 0, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Device gpu was asked for, but DJL sees no GPU")
                .hasMessageContaining("CPU-only build")
                .hasMessageContaining("README.md")
                .hasMessageContaining("ask for device cpu");
        assertThatThrownBy(() -> DjlBackendProvider.chooseDevice("gpu", 0, true))
                .hasMessageContaining("CUDA_VISIBLE_DEVICES");
        assertThatThrownBy(() -> DjlBackendProvider.chooseDevice("tpu", 4, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The djl backend's device must be 'gpu' or 'cpu', got 'tpu'");
    }

    @Test
    void offlineModeIsTheDefaultButAnExplicitChoiceWins() {
        Properties unset = new Properties();
        DjlBackendProvider.defaultToOffline(unset, null);
        assertThat(unset.getProperty("ai.djl.offline")).isEqualTo("true");

        Properties online = new Properties();
        online.setProperty("ai.djl.offline", "false");
        DjlBackendProvider.defaultToOffline(online, null);
        assertThat(online.getProperty("ai.djl.offline")).isEqualTo("false");

        Properties fromEnvironment = new Properties();
        DjlBackendProvider.defaultToOffline(fromEnvironment, "false");
        assertThat(fromEnvironment.getProperty("ai.djl.offline")).isNull();
    }

    @Test
    void aLoadFailureNamesTheCauseAndTheFixes() {
        String m = DjlBackendProvider.loadFailure(new EngineException("Failed to download PyTorch native library",
                new IOException("Offline mode is enabled.")));
        assertThat(m).contains("Failed to download PyTorch native library", "Offline mode is enabled.",
                "ai.djl.pytorch:pytorch-native-cpu:2.7.1", "linux-x86_64, linux-aarch64, osx-aarch64 or win-x86_64",
                "ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1",
                "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION=2.7.1", "PYTORCH_FLAVOR", "-Dai.djl.offline=false");
    }

    @Test
    void createdKernelsReportDjlsDeviceName() {
        assertThat(new DjlBackendProvider().create().device()).isIn("cpu()", "gpu(0)");
        // The device passed in wins, with no system property involved.
        assertThat(new DjlBackendProvider().create("cpu").device()).isEqualTo("cpu()");
    }
}
