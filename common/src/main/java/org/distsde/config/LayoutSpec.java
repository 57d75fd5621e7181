package org.distsde.config;

import java.io.Serializable;

/**
 * {@code layout}: how agents map onto Spark tasks. Agents are summed in {@code blocks} contiguous
 * groups (default min(N, 16)), each block in agent order and the blocks in block order, so the
 * result is bit-identical whatever {@code partitions} (default: one per block) is.
 */
public record LayoutSpec(Integer blocks, Integer partitions) implements Serializable {
    public LayoutSpec {
        if (blocks != null) {
            Check.atLeast("layout.blocks", blocks, 1);
        }
        if (partitions != null) {
            Check.atLeast("layout.partitions", partitions, 1);
        }
    }

    public int blocks(int agents) {
        return Math.min(agents, blocks == null ? 16 : blocks);
    }

    public int partitions(int agents) {
        return Math.min(blocks(agents), partitions == null ? blocks(agents) : partitions);
    }
}
