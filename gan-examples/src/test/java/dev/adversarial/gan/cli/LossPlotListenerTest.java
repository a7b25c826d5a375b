package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.eval.figures.LossPlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loss.png's earlier points come from metrics.csv by column name, wherever the columns sit. */
class LossPlotListenerTest {
    @TempDir
    Path dir;

    @Test
    void readsTheLossColumnsByNameNotByPosition() throws IOException {
        // A recipe's column placed before the losses, and the columns shuffled: names decide.
        Path csv = Files.writeString(dir.resolve("metrics.csv"), """
                epoch,coverage,mean_d_fake,iteration,g_loss,d_loss,mean_d_real
                1,,0.4,1,0.9,1.3,0.6
                1,0.75,0.45,2,0.8,1.2,0.55
                """);
        assertThat(LossPlotListener.read(csv)).containsExactly(
                new LossPlot.Point(1, 1.3, 0.9, 0.6, 0.4), new LossPlot.Point(2, 1.2, 0.8, 0.55, 0.45));
    }

    @Test
    void aFileWithoutTheColumnsIsRefusedWithItsName() throws IOException {
        Path csv = Files.writeString(dir.resolve("other.csv"), "iteration,loss\n1,0.5\n");
        assertThatThrownBy(() -> LossPlotListener.read(csv))
                .hasMessageContaining("other.csv has no column 'd_loss'").hasMessageContaining("move it aside");
        Path torn = Files.writeString(dir.resolve("torn.csv"),
                "iteration,epoch,d_loss,g_loss,mean_d_real,mean_d_fake\n1,1,0.5\n");
        assertThatThrownBy(() -> LossPlotListener.read(torn)).hasMessageContaining("torn.csv line 2 is not a metrics row");
    }
}
