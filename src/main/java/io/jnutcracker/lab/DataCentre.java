package io.jnutcracker.lab;

import java.util.List;

/**
 * One of the seed's two data centres, as the lab runs it on this machine's loopback.
 *
 * @param name the seed's name ("detail01" for eshop-detail01), also the name of its seed config
 * @param ip the loopback address standing in for the host (the seed's 192.168.99.x)
 * @param statsPort its proxy's stats port, on 127.0.0.1, away from nutcracker's default 22222,
 *     which a system nutcracker service may hold
 */
public record DataCentre(String name, String ip, int statsPort) {
    public static final DataCentre DETAIL01 = new DataCentre("detail01", "127.0.99.11", 22211);
    public static final DataCentre DETAIL02 = new DataCentre("detail02", "127.0.99.12", 22212);
    /** Both, in the order the lab checks them. */
    public static final List<DataCentre> ALL = List.of(DETAIL01, DETAIL02);
    /** The only data centre with the master pool: writes go through it. */
    public static final DataCentre MASTER = DETAIL01;
    public static final String MASTER_POOL = "redis-master";
    /** Each data centre reads through its own pool of this name. */
    public static final String READ_POOL = "redis-slave";
    public static final String STATS_ADDR = "127.0.0.1";
}
