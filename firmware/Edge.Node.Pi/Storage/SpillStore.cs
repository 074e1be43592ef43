using System.Globalization;
using Edge.Node.Core.Agent;

namespace Edge.Node.Pi.Storage;

/// <summary>
/// Keeps on disk every sample the agent holds and the gateway has not acknowledged, so a restart (kill -9,
/// power loss) loses nothing unacknowledged. Per flow: an append-only segment (flow-N.spill) mirroring the
/// agent's ring, and a mark (flow-N.mark) with the acknowledged watermark, epoch and serving state.
/// <see cref="Sync"/> runs on the agent's thread every tick after the sources recorded and before the agent
/// sends, so a sample is on disk before it is ever published. <see cref="RestoreInto"/> puts the held samples
/// back into a new agent before it connects.
/// </summary>
internal sealed class SpillStore : IDisposable
{
    /// <summary>An acknowledged prefix this long is cut off even while the segment still holds unacknowledged samples.</summary>
    public const int CompactAfter = 4096;

    private readonly string _directory;
    private readonly bool _fsync;
    private readonly Dictionary<int, Entry> _flows = [];
    private readonly HashSet<int> _seen = [];
    private bool _directoryDirty;

    public SpillStore(string directory, bool fsync)
    {
        _directory = directory;
        _fsync = fsync;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Samples written to the spill since start (telemetry's "spilled" is a core field; this is the Pi's own count).</summary>
    public long Spilled { get; private set; }

    public long Compactions { get; private set; }

    public static string SegmentPath(string directory, int flow) => Path.Combine(directory, "flow-" + flow.ToString(CultureInfo.InvariantCulture) + ".spill");

    public static string MarkPath(string directory, int flow) => Path.Combine(directory, "flow-" + flow.ToString(CultureInfo.InvariantCulture) + ".mark");

    /// <summary>
    /// Reads every flow's segment and mark and gives the agent back the lanes as they were: epoch, serving state
    /// and the samples from the watermark on. Call once, on a fresh agent, before it first connects.
    /// </summary>
    public IReadOnlyList<RestoredFlow> RestoreInto(NodeAgent agent)
    {
        var restored = new List<RestoredFlow>();
        foreach (string path in Directory.GetFiles(_directory, "flow-*.spill").Order(StringComparer.Ordinal))
        {
            SpillContents? contents = SpillContents.Read(path);
            if (contents is null)
            {
                // Not a segment this code wrote (its header is written atomically): keep it aside for a person.
                File.Move(path, path + ".unreadable", overwrite: true);
                continue;
            }

            SpillMark mark = SpillMark.Read(MarkPath(_directory, contents.Flow)) ?? new SpillMark(contents.Start, -1, false);
            long first = Math.Max(mark.Next, contents.Start);
            if (!agent.RestoreLane(contents.Flow, mark.Epoch, mark.Serving, first))
            {
                continue;
            }

            int samples = 0;
            bool complete = true;
            for (long sequence = first; sequence < contents.End; sequence++)
            {
                int i = (int)(sequence - contents.Start);
                if (!agent.RestoreSample(contents.Flow, contents.Times[i], contents.Values[i]))
                {
                    complete = false;
                    break;
                }

                samples++;
            }

            // A segment of the previous format is replaced whole (temp file, fsync, rename) by the same samples in the
            // shared format, from the ring they were just restored into; appends then continue in the new format.
            _flows[contents.Flow] = new Entry(contents.Legacy ? SpillSegment.CreateFrom(path, contents.Flow, RingOf(agent, contents.Flow), first, first + samples, _fsync) : SpillSegment.Open(path, contents), mark);
            restored.Add(new RestoredFlow(contents.Flow, mark.Epoch, mark.Serving, first, samples, complete));
        }

        // The next Sync lines the files up with the restored lanes (a ceiling too small for all is cut there).
        Sync(agent);
        return restored;
    }

    private static FlowRing RingOf(NodeAgent agent, int flow)
    {
        for (int i = 0; i < agent.LaneCount; i++)
        {
            if (agent.Lane(i).InUse && agent.Lane(i).Flow == flow)
            {
                return agent.Lane(i).Ring;
            }
        }

        throw new InvalidOperationException("flow " + flow + " was restored but has no lane");
    }

    /// <summary>Disk errors so far (disk full, card gone read-only); the samples stay in RAM meanwhile.</summary>
    public long Faults { get; private set; }

    /// <summary>
    /// Mirrors every lane of the agent to disk, then flushes (with fsync) what changed. On a disk error the
    /// samples stay in the agent's RAM, the error is rethrown for the host to report, and every segment is
    /// rewritten whole from the agent's rings at the next Sync that can write.
    /// </summary>
    public void Sync(NodeAgent agent)
    {
        try
        {
            SyncAll(agent);
        }
        catch (IOException)
        {
            Faults++;
            foreach (Entry entry in _flows.Values)
            {
                entry.Rewrite = true;
            }

            throw;
        }
    }

    private void SyncAll(NodeAgent agent)
    {
        _seen.Clear();
        for (int i = 0; i < agent.LaneCount; i++)
        {
            FlowLane lane = agent.Lane(i);
            if (lane.InUse)
            {
                SyncFlow(lane.Flow, lane.Epoch, lane.Serving, lane.Ring);
                _seen.Add(lane.Flow);
            }
        }

        foreach (int flow in _flows.Keys.Where(f => !_seen.Contains(f)).ToList())
        {
            // The agent freed the lane: everything was acknowledged (or handed to another node).
            _flows[flow].Segment.Delete();
            File.Delete(MarkPath(_directory, flow));
            _flows.Remove(flow);
            _directoryDirty = true;
        }

        Commit();
    }

    public void Dispose()
    {
        foreach (Entry entry in _flows.Values)
        {
            entry.Segment.Flush(_fsync);
            entry.Segment.Dispose();
        }

        _flows.Clear();
    }

    private void SyncFlow(int flow, long epoch, bool serving, FlowRing ring)
    {
        long head = ring.HeadSequence;
        long end = ring.EndSequence;
        if (!_flows.TryGetValue(flow, out Entry? entry))
        {
            entry = new Entry(SpillSegment.Create(SegmentPath(_directory, flow), flow, head, _fsync), null);
            _flows[flow] = entry;
            _directoryDirty = true;
        }

        SpillSegment segment = entry.Segment;
        if (entry.Rewrite || head < segment.Start || head > segment.End || end < segment.End)
        {
            entry.Rewrite = false;
            // Not a continuation of the file (restarted at a new resumeFrom, truncated for another node): replace it.
            segment.Rewrite(ring, head, end, _fsync);
            Spilled += end - head;
            _directoryDirty = true;
        }
        else
        {
            for (long sequence = segment.End; sequence < end; sequence++)
            {
                segment.Append(ring.TimeAt(sequence), ring.ValueAt(sequence));
                Spilled++;
            }
        }

        var mark = new SpillMark(head, epoch, serving);
        if (entry.Mark != mark)
        {
            entry.Mark = mark;
            entry.MarkDirty = true;
        }

        long acknowledgedInFile = head - segment.Start;
        if (acknowledgedInFile > 0 && (head == end || acknowledgedInFile >= CompactAfter))
        {
            // Fully acknowledged, or a long acknowledged prefix: keep only what is still held.
            segment.Rewrite(ring, head, end, _fsync);
            Compactions++;
            _directoryDirty = true;
        }
    }

    private void Commit()
    {
        foreach (var (flow, entry) in _flows)
        {
            entry.Segment.Flush(_fsync);
            if (entry.MarkDirty && entry.Mark is SpillMark mark)
            {
                mark.Write(MarkPath(_directory, flow), _fsync);
                entry.MarkDirty = false;
                _directoryDirty = true;
            }
        }

        if (_directoryDirty && _fsync)
        {
            DirectorySync.Flush(_directory);
        }

        _directoryDirty = false;
    }

    private sealed class Entry(SpillSegment segment, SpillMark? mark)
    {
        public SpillSegment Segment { get; } = segment;

        public SpillMark? Mark { get; set; } = mark;

        public bool MarkDirty { get; set; } = mark is null;

        /// <summary>A write failed: what is on disk may not be what the segment thinks it appended.</summary>
        public bool Rewrite { get; set; }
    }
}
