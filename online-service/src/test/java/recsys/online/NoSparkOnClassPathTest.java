package recsys.online;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The online service must never carry Spark: it would bloat the jar and drag in a second Jackson, Netty, etc. */
class NoSparkOnClassPathTest {

    @Test
    void sparkIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.SparkContext"));
    }
}
