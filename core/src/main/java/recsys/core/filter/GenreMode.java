package recsys.core.filter;

import java.util.Optional;

/** How a filter's genres combine: a movie of any of them, or of all of them. */
public enum GenreMode {
    ANY("any"),
    ALL("all");

    private final String label;

    GenreMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<GenreMode> fromLabel(String label) {
        for (GenreMode mode : values()) {
            if (mode.label.equals(label)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
