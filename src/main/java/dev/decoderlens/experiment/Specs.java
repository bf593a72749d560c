package dev.decoderlens.experiment;

import java.util.List;

/** Checks shared by the spec records. */
final class Specs {
    private Specs() {
    }

    static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }

    /** A copy of the stage channel list, refusing an empty list and negative (or, unless allowed, zero) entries. */
    static List<Integer> channels(List<Integer> channels, boolean zeroAllowed) {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("a decoder needs at least one stage");
        }
        for (Integer c : channels) {
            if (c == null || c < 0 || (c == 0 && !zeroAllowed)) {
                throw new IllegalArgumentException("stage channels must be " + (zeroAllowed ? ">= 0" : ">= 1") + ", got " + channels);
            }
        }
        return List.copyOf(channels);
    }

    static String stagesText(List<Integer> channels) {
        StringBuilder sb = new StringBuilder().append(channels.size()).append(channels.size() == 1 ? " stage (" : " stages (");
        for (int i = 0; i < channels.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(channels.get(i) == 0 ? "resize only" : channels.get(i));
        }
        return sb.append(')').toString();
    }

    static List<Integer> resized(List<Integer> channels, int n) {
        positive("number of stages", n);
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>(channels.subList(0, Math.min(n, channels.size())));
        while (out.size() < n) {
            int last = out.getLast();
            out.add(last == 0 ? 0 : Math.max(1, last / 2));
        }
        return List.copyOf(out);
    }
}
