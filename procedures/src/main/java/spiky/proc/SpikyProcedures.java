package spiky.proc;

import java.util.List;

/** Every class declaring spiky.* procedures: the server and the tests register exactly these. */
public final class SpikyProcedures {
    public static final List<Class<?>> CLASSES = List.of(VersionProcedure.class, DcbmProcedures.class);

    private SpikyProcedures() {}
}
