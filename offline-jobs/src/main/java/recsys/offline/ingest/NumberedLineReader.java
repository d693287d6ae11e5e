package recsys.offline.ingest;

import java.nio.charset.Charset;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads a text file as numbered lines in any charset. Spark's text sources assume UTF-8, but the classic
 * MovieLens files are Latin-1, so lines are decoded here from Hadoop's raw bytes. Hadoop's line reader strips
 * LF and CRLF endings alike.
 */
final class NumberedLineReader {

    private NumberedLineReader() {
    }

    static JavaRDD<NumberedLine> read(JavaSparkContext spark, String path, Charset charset, int minPartitions) {
        String charsetName = charset.name();
        // numbered before decoding, so zipWithIndex's counting pass only splits lines; Hadoop reuses the Text
        // object between records, which is safe because each is decoded to a String before the next is read
        return spark.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, minPartitions)
                .zipWithIndex()
                .map(pair -> new NumberedLine(pair._2 + 1,
                        new String(pair._1._2.getBytes(), 0, pair._1._2.getLength(), charsetName)));
    }
}
