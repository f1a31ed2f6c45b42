package io.jnutcracker;

public final class Main {
    public static void main(String[] args) {
    }
}
