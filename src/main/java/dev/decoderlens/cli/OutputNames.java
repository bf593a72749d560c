package dev.decoderlens.cli;

import java.util.HashSet;
import java.util.Set;

/**
 * File names for tensors: characters other than {@code [A-Za-z0-9._-]} become {@code _}; a name that would collide
 * with an earlier one (e.g. "a/b" and "a:b") gets "_2", "_3", ... so no array overwrites another.
 */
final class OutputNames {
    private final Set<String> used = new HashSet<>();

    static String sanitize(String tensorName) {
        String s = tensorName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || s.equals(".") || s.equals("..")) { // not usable as file names
            s = s.isEmpty() ? "_" : s.replace('.', '_');
        }
        return s;
    }

    /** A fresh file name ({@code <sanitized>.npy}) for this tensor. */
    String fileFor(String tensorName) {
        String base = sanitize(tensorName);
        String name = base;
        for (int k = 2; !used.add(name.toLowerCase(java.util.Locale.ROOT)); k++) {
            name = base + "_" + k;
        }
        return name + ".npy";
    }
}
