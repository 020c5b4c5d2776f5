package io.vigil.hub;

/** The operators of a threshold rule. */
public enum Comparison {

    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }

    public static Comparison parse(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol == null ? null : symbol.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + symbol + "' is not an operator; use >, >=, <, <=, == or !=");
    }
}
