/**
 * The lab ({@code bin/jnutcracker lab}, docs/LAB.md): the seed write-up's two data centres on
 * loopback with real redis-servers and replication, one proxy per data centre, and the write-up's
 * check through them. Its process and replication helpers ({@link io.jnutcracker.lab.RedisServer},
 * {@link io.jnutcracker.lab.Replication}) are the integration tests' too. Never on the data path.
 */
package io.jnutcracker.lab;
