package io.jnutcracker.topology;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the master pool a read pool reads from, with no configuration: the master pool holding the
 * masters most of its members replicate; on a tie, the one where more members replicate the master
 * member of their own name, then one in the same file, then the first.
 */
final class Pairing {
    private Pairing() {
    }

    static Optional<SurveyedPool> masterFor(SurveyedPool read, List<SurveyedPool> masters) {
        Comparator<SurveyedPool> best = Comparator.<SurveyedPool>comparingInt(m -> sourcesHeld(read, m))
                .thenComparingInt(m -> namesakesHeld(read, m))
                .thenComparing(m -> m.file().equals(read.file()));
        SurveyedPool choice = null;
        for (SurveyedPool m : masters) {
            if (sourcesHeld(read, m) > 0 && (choice == null || best.compare(m, choice) > 0)) {
                choice = m;
            }
        }
        return Optional.ofNullable(choice);
    }

    /** Read members whose data is held by some member of {@code master}. */
    static int sourcesHeld(SurveyedPool read, SurveyedPool master) {
        int n = 0;
        for (Origin o : read.origins()) {
            if (master.holding(o) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Read members holding the data of {@code master}'s member of the same name. */
    static int namesakesHeld(SurveyedPool read, SurveyedPool master) {
        int n = 0;
        for (int i = 0; i < read.size(); i++) {
            int j = master.indexOf(read.server(i).name());
            if (j >= 0 && read.origins().get(i).sameData(master.origins().get(j))) {
                n++;
            }
        }
        return n;
    }
}
