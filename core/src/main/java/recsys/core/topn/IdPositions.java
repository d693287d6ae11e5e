package recsys.core.topn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Row lookup by movie id for the top-N tables, whose rows are held in id lists. */
final class IdPositions {

    private IdPositions() {
    }

    /** Each id's position in {@code ids}; the last position wins for a repeated id (callers check distinctness). */
    static Map<String, Integer> of(List<String> ids) {
        Map<String, Integer> positions = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            positions.put(ids.get(i), i);
        }
        return positions;
    }
}
