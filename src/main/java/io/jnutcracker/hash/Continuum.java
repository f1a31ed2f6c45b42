package io.jnutcracker.hash;

/** An immutable key-to-server map built by a {@link Distribution}. */
public interface Continuum {
    /** The pool index of the server that owns {@code hash} (an unsigned 32-bit value). */
    int dispatch(int hash);
}
