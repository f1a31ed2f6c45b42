package io.jnutcracker.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code INFO replication} texts recorded from redis 7.0 (see resources info/README.md), parsed. */
class ReplicationInfoTest {
    static final String REPLID = "f278ac56e4b15dd5c7c6e2f0f45061be66e2684e";

    static String recorded(String name) throws IOException {
        try (InputStream in = ReplicationInfoTest.class.getResourceAsStream("info/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void masterWithASyncedReplica() throws Exception {
        ReplicationInfo info = ReplicationInfo.parse(recorded("master.txt"));

        assertThat(info.isReplica()).isFalse();
        assertThat(info.master()).isNull();
        assertThat(info.linkUp()).isFalse();
        assertThat(info.replid()).isEqualTo(REPLID);
        assertThat(info.replOffset()).isEqualTo(114);
        assertThat(info.replicas()).containsExactly(new ReplicaLine("127.0.0.1", 7403, "online", 114, 1));
        assertThat(info.replicas().get(0).online()).isTrue();
    }

    @Test
    void masterWhileItsReplicaWaitsForTheSnapshot() throws Exception {
        ReplicationInfo info = ReplicationInfo.parse(recorded("master-sync-pending.txt"));

        assertThat(info.replicas()).containsExactly(new ReplicaLine("127.0.0.1", 7403, "wait_bgsave", 0, 0));
        assertThat(info.replicas().get(0).online()).isFalse();
    }

    @Test
    void syncedReplicaCarriesItsMastersReplicationId() throws Exception {
        ReplicationInfo info = ReplicationInfo.parse(recorded("replica.txt"));

        assertThat(info.isReplica()).isTrue();
        assertThat(info.master()).isEqualTo(Endpoint.tcp("127.0.99.11", 7401));
        assertThat(info.linkUp()).isTrue();
        assertThat(info.lastIoSecondsAgo()).isEqualTo(1);
        assertThat(info.linkDownSinceSeconds()).isEqualTo(-1);
        assertThat(info.syncInProgress()).isFalse();
        assertThat(info.replicaOffset()).isEqualTo(114);
        assertThat(info.replid()).isEqualTo(REPLID);
        // it is itself the master of 7404: slave0 here, but slave_repl_offset etc. are not replica lines
        assertThat(info.replicas()).containsExactly(new ReplicaLine("127.0.0.1", 7404, "online", 114, 1));
    }

    @Test
    void replicaOfAReplicaHasTheSameId() throws Exception {
        ReplicationInfo info = ReplicationInfo.parse(recorded("replica-of-replica.txt"));

        assertThat(info.master()).isEqualTo(Endpoint.tcp("127.0.99.11", 7403));
        assertThat(info.replid()).isEqualTo(REPLID);
        assertThat(info.replicas()).isEmpty();
    }

    @Test
    void replicaThatNeverSyncedHasAnIdOfItsOwn() throws Exception {
        ReplicationInfo info = ReplicationInfo.parse(recorded("replica-master-unreachable.txt"));

        assertThat(info.linkUp()).isFalse();
        assertThat(info.linkStatus()).isEqualTo("down");
        assertThat(info.replid()).isNotEqualTo(REPLID);
        assertThat(info.replOffset()).isZero();
    }

    @Test
    void replicaThatLostItsMasterKeepsTheId() throws Exception {
        ReplicationInfo info = ReplicationInfo.parse(recorded("replica-link-lost.txt"));

        assertThat(info.linkUp()).isFalse();
        assertThat(info.linkDownSinceSeconds()).isEqualTo(3);
        assertThat(info.replid()).isEqualTo(REPLID);
    }

    @Test
    void crlfAsTheServerSendsIt() throws Exception {
        ReplicationInfo lf = ReplicationInfo.parse(recorded("replica.txt"));
        ReplicationInfo crlf = ReplicationInfo.parse(recorded("replica.txt").replace("\n", "\r\n"));

        assertThat(crlf).isEqualTo(lf);
    }

    @Test
    void textWithoutARoleIsRefused() {
        assertThatThrownBy(() -> ReplicationInfo.parse("# Replication\r\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
