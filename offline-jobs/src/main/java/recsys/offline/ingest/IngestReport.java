package recsys.offline.ingest;

import java.util.List;
import java.util.Map;

/**
 * What one ingest run read, kept, rejected and published. Written as {@code ingest-report.json} in the run's
 * folder and summarised on the console.
 *
 * @param duplicateRatings     ratings replaced by a later rating of the same user for the same movie
 * @param unknownMovieRatings  ratings of movies the catalogue does not have: not trained on; the ones users posted
 *                             online stay in their histories (the service accepted them)
 * @param unknownMovieTags     tag lines of movies the movies file does not have (not ingested)
 * @param duplicateMovies      repeated movie ids in the movies file (the first line is kept)
 * @param onlineRatingEvents   rating events of the service merged in (a retrain; 0 for a plain ingest)
 * @param onlineMovieEvents    movie events of the service merged in
 * @param onlineEventsUntil    the snapshot the events were read up to (epoch ms), 0 for a plain ingest
 * @param indices              alias to the physical index now behind it
 * @param stepSeconds          wall-clock seconds of each step of the job
 */
public record IngestReport(
        String runId,
        String format,
        String data,
        List<FileReport> files,
        long movies,
        long duplicateMovies,
        long ratings,
        long duplicateRatings,
        long unknownMovieRatings,
        List<RejectedLine> unknownMovieExamples,
        long tags,
        long unknownMovieTags,
        long users,
        long onlineRatingEvents,
        long onlineMovieEvents,
        long onlineEventsUntil,
        Map<String, String> indices,
        Map<String, Double> stepSeconds,
        double seconds) {

    public long rejectedLines() {
        return files.stream().mapToLong(FileReport::rejected).sum();
    }

    public String summaryLine() {
        return String.format(
                "ingest %s: %,d movies, %,d ratings (%,d duplicates replaced, %,d of unknown movies), %,d tags, "
                        + "%,d users, %,d rejected lines, indices %s in %.1f s",
                runId, movies, ratings, duplicateRatings, unknownMovieRatings, tags, users, rejectedLines(),
                indices.values(), seconds);
    }
}
