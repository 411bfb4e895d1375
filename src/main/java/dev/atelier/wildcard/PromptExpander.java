package dev.atelier.wildcard;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Expands dynamic-prompts templates ({@code {a|b}}, {@code __name__}; see {@link TemplateParser}).
 * Random mode is seeded (the generation seed gives the same prompt every time); combinatorial mode
 * lists every combination up to a limit — comparison grids use it as an axis. Wildcards nest up to
 * {@value #MAX_DEPTH} deep, which stops a wildcard that includes itself.
 */
public final class PromptExpander {
    public static final int MAX_DEPTH = 16;
    private final WildcardFolder wildcards;

    /** @param wildcards the wildcard folder, or null when there is none (a wildcard is then an error) */
    public PromptExpander(WildcardFolder wildcards) {
        this.wildcards = wildcards;
    }

    /** Whether {@code template} has variants or wildcards at all. */
    public static boolean isDynamic(String template) {
        TemplateNode node = TemplateParser.parse(template);
        return !(node instanceof TemplateNode.Literal || node instanceof TemplateNode.Sequence s && s.parts().isEmpty());
    }

    /** One prompt, chosen at random from {@code seed}: the same seed gives the same prompt. */
    public String random(String template, long seed) {
        StringBuilder out = new StringBuilder();
        random(TemplateParser.parse(template), new SplittableRandom(seed), out, new ArrayList<>());
        return out.toString();
    }

    /**
     * Every prompt {@code template} expands to, in order, at most {@code limit} of them.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    public List<String> all(String template, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the combination limit must be at least 1, got " + limit);
        }
        return all(TemplateParser.parse(template), limit, new ArrayList<>());
    }

    /** How many prompts {@code template} expands to ({@link Long#MAX_VALUE} when more). */
    public long count(String template) {
        return count(TemplateParser.parse(template), new ArrayList<>());
    }

    private void random(TemplateNode node, SplittableRandom rng, StringBuilder out, List<String> path) {
        switch (node) {
            case TemplateNode.Literal t -> out.append(t.text());
            case TemplateNode.Sequence s -> s.parts().forEach(p -> random(p, rng, out, path));
            case TemplateNode.Wildcard w -> {
                List<String> options = enter(w.name(), path);
                random(TemplateParser.parse(options.get(rng.nextInt(options.size()))), rng, out, path);
                path.removeLast();
            }
            case TemplateNode.Variant v -> {
                if (v.options().isEmpty()) {
                    return;
                }
                int picks = v.min() >= v.max() ? v.max() : v.min() + rng.nextInt(v.max() - v.min() + 1);
                List<Integer> left = new ArrayList<>();
                for (int i = 0; i < v.options().size(); i++) {
                    left.add(i);
                }
                java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
                for (int i = 0; i < picks && !left.isEmpty(); i++) {
                    chosen.add(left.remove(weighted(left, v.options(), rng)));
                }
                // written in option order, so a random prompt is one of the combinatorial ones
                boolean first = true;
                for (int index : chosen) {
                    out.append(first ? "" : v.separator());
                    first = false;
                    random(v.options().get(index).body(), rng, out, path);
                }
            }
        }
    }

    /** The position in {@code left} (indices into {@code options}) of a weighted random pick. */
    private static int weighted(List<Integer> left, List<TemplateNode.Option> options, SplittableRandom rng) {
        double total = left.stream().mapToDouble(i -> options.get(i).weight()).sum();
        if (total <= 0) {
            return rng.nextInt(left.size());
        }
        double r = rng.nextDouble() * total;
        for (int k = 0; k < left.size(); k++) {
            r -= options.get(left.get(k)).weight();
            if (r < 0) {
                return k;
            }
        }
        return left.size() - 1;
    }

    private List<String> all(TemplateNode node, int limit, List<String> path) {
        return switch (node) {
            case TemplateNode.Literal t -> List.of(t.text());
            case TemplateNode.Sequence s -> {
                List<String> acc = List.of("");
                for (TemplateNode part : s.parts()) {
                    acc = product(acc, all(part, limit, path), "", limit);
                }
                yield acc;
            }
            case TemplateNode.Wildcard w -> {
                List<String> out = new ArrayList<>();
                for (String option : enter(w.name(), path)) {
                    for (String s : all(TemplateParser.parse(option), limit - out.size(), path)) {
                        out.add(s);
                    }
                    if (out.size() >= limit) {
                        break;
                    }
                }
                path.removeLast();
                yield out;
            }
            case TemplateNode.Variant v -> {
                List<String> out = new ArrayList<>();
                for (int k = v.min(); k <= v.max() && out.size() < limit; k++) {
                    combinations(v, 0, k, List.of(""), true, limit, path, out);
                }
                yield out;
            }
        };
    }

    /** Appends every choice of {@code k} options from index {@code from} on to each prefix. */
    private void combinations(TemplateNode.Variant v, int from, int k, List<String> prefixes, boolean first,
                              int limit, List<String> path, List<String> out) {
        if (k == 0) {
            for (String p : prefixes) {
                if (out.size() >= limit) {
                    return;
                }
                out.add(p);
            }
            return;
        }
        for (int i = from; i <= v.options().size() - k && out.size() < limit; i++) {
            List<String> next = product(prefixes, all(v.options().get(i).body(), limit, path), first ? "" : v.separator(), limit);
            combinations(v, i + 1, k - 1, next, false, limit, path, out);
        }
    }

    private static List<String> product(List<String> left, List<String> right, String separator, int limit) {
        List<String> out = new ArrayList<>();
        for (String l : left) {
            for (String r : right) {
                if (out.size() >= limit) {
                    return out;
                }
                out.add(l + separator + r);
            }
        }
        return out;
    }

    private long count(TemplateNode node, List<String> path) {
        return switch (node) {
            case TemplateNode.Literal t -> 1;
            case TemplateNode.Sequence s -> {
                long n = 1;
                for (TemplateNode part : s.parts()) {
                    n = times(n, count(part, path));
                }
                yield n;
            }
            case TemplateNode.Wildcard w -> {
                long n = 0;
                for (String option : enter(w.name(), path)) {
                    n = plus(n, count(TemplateParser.parse(option), path));
                }
                path.removeLast();
                yield n;
            }
            case TemplateNode.Variant v -> {
                // e[j] = sum over j-subsets of the product of the options' counts
                long[] e = new long[v.max() + 1];
                e[0] = 1;
                for (TemplateNode.Option o : v.options()) {
                    long c = count(o.body(), path);
                    for (int j = v.max(); j >= 1; j--) {
                        e[j] = plus(e[j], times(e[j - 1], c));
                    }
                }
                long n = 0;
                for (int k = v.min(); k <= v.max(); k++) {
                    n = plus(n, e[k]);
                }
                yield v.options().isEmpty() ? 1 : n;
            }
        };
    }

    private List<String> enter(String name, List<String> path) {
        if (wildcards == null) {
            throw new WildcardException("wildcard __" + name + "__ cannot be read: there is no wildcards folder");
        }
        if (path.size() >= MAX_DEPTH) {
            throw new WildcardException("wildcards nest deeper than " + MAX_DEPTH + " (does __" + name
                    + "__ include itself?): " + String.join(" → ", path.subList(Math.max(0, path.size() - 4), path.size())) + " → " + name);
        }
        List<String> options = wildcards.options(name);
        path.add(name);
        return options;
    }

    private static long times(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    private static long plus(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
