package io.vigil.schedule;

import java.util.Locale;

/**
 * The method a schedule runs, as HxRun names it: the experiment path's file name without its extension
 * ({@code C:\Methods\PCR_Setup.med} is {@code PCR_Setup}). HxRun may record the bare name or the whole path, in
 * either case; both sides are compared by this name, ignoring case.
 */
final class MethodName {

    private MethodName() {
    }

    static String of(String pathOrName) {
        String s = pathOrName == null ? "" : pathOrName.trim();
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    static boolean same(String experimentPath, String hxrunMethod) {
        String a = of(experimentPath);
        return !a.isEmpty() && a.toLowerCase(Locale.ROOT).equals(of(hxrunMethod).toLowerCase(Locale.ROOT));
    }
}
