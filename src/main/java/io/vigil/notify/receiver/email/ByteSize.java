package io.vigil.notify.receiver.email;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Sizes as people read them: 512 B, 3.2 MB, 10 MB (binary multiples). */
public final class ByteSize {

    private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB" };

    private ByteSize() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.toPlainString() + " " + UNITS[unit];
    }
}
