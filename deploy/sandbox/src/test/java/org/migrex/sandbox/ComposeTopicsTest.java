package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.migrex.schema.Topic;
import org.migrex.schema.Topics;

/**
 * The compose init container creates the very topics {@link Topics#all()} names, compacted where they are and with no
 * time limit where they are kept forever.
 */
class ComposeTopicsTest {
    private static final Pattern CREATE = Pattern.compile(
            "^create \"([^\"]+)\"(?: \"\\$\\{(compact|forever)\\[@\\]\\}\")?$", Pattern.MULTILINE);

    @Test
    void createTopicsScriptMatchesTheTopicsContract() throws Exception {
        Path root = Path.of(System.getProperty("migrex.repository.root", "../..")).toAbsolutePath().normalize();
        String script = Files.readString(root.resolve("deploy/compose/create-topics.sh"));
        List<String> created = new ArrayList<>();
        Matcher m = CREATE.matcher(script);
        while (m.find()) {
            String name = m.group(1).replace("$cc", "kaz").replace("$CC", "KAZ");
            created.add(name + (m.group(2) != null ? " " + m.group(2) : ""));
        }
        List<String> expected = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.forNode("KAZ").all()) {
            // a topic is compacted or kept forever, never both here (compaction already keeps the latest forever)
            expected.add(topic.name() + (topic.compacted() ? " compact" : topic.keptForever() ? " forever" : ""));
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
    }
}
