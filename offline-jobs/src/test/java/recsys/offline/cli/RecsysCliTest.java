package recsys.offline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RecsysCliTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RecsysCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "embed", "train", "evaluate", "all", "quickstart"})
    void everySubcommandDocumentsTheGlobalOptions(String subcommand) {
        Run help = run(subcommand, "--help");
        assertEquals(0, help.exitCode());
        for (String option : new String[] {"--es", "--storage", "--master", "--parallelism", "--config"}) {
            assertTrue(help.out().contains(option), subcommand + " --help lacks " + option + ":\n" + help.out());
        }
    }

    @Test
    void topLevelHelpListsTheSubcommands() {
        Run help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("ingest") && help.out().contains("embed") && help.out().contains("quickstart"));
    }

    @Test
    void trainDocumentsItsSplitAndSeedAndRejectsAnUnknownSplit() {
        Run help = run("train", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--split") && help.out().contains("--seed"), help.out());
        Run bad = run("train", "--split", "sideways");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--split"), bad.err());
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        Run run = run("ingest");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--data"), run.err());
    }

    @Test
    void aBadSettingIsReportedWithoutAStackTrace() {
        Run run = run("ingest", "--data", "/nonexistent", "--es", "ftp://example.invalid");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: Elasticsearch URL must start with http:// or https://"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
