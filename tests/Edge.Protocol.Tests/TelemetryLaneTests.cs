using Edge.Tests.Vectors;

namespace Edge.Protocol.Tests;

/// <summary>
/// The per-lane report of telemetry (docs/PROTOCOL.md 3.3): the encoder writes the vector's bytes from its lane
/// records, and a bad report costs only itself, never the heartbeat it rides on.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TelemetryLaneTests
{
    public static TheoryData<string> Tolerated => GoldenVectors.Names("tolerated");

    [Fact]
    public void The_encoder_writes_the_vectors_lanes_from_its_records()
    {
        var vector = GoldenVectors.Load("valid", "telemetry-with-lanes");
        var f = vector.Fields;
        var message = new TelemetryMessage
        {
            Session = f.GetProperty("session").GetInt64(), TimestampMs = f.GetProperty("timestamp").GetInt64(), Rate = f.GetProperty("rate").GetDouble(),
            Forecast = f.GetProperty("forecast").GetDouble(), Horizon = f.GetProperty("horizon").GetInt64(), BufferFill = f.GetProperty("bufferFill").GetInt64(),
            BufferCapacity = f.GetProperty("bufferCapacity").GetInt64(), Unacked = f.GetProperty("unacked").GetInt64(), PreExpanded = true,
        };
        foreach (var lane in GoldenVectors.LaneRecords(GoldenVectors.Extra("valid", vector.Name, "laneRecords")))
        {
            Assert.True(message.AddLane(lane.Flow, lane.Share, lane.Rate, lane.Forecast, lane.PreExpanded));
        }

        Assert.Equal(System.Text.Encoding.UTF8.GetString(vector.Payload), System.Text.Encoding.UTF8.GetString(GoldenVectors.Encode(message)));
    }

    [Fact]
    public void The_decoder_reads_each_lane_of_the_vector()
    {
        var vector = GoldenVectors.Load("valid", "telemetry-with-lanes");
        var message = new TelemetryMessage();

        Assert.Equal(ProtocolError.None, GoldenVectors.Decode(message, vector.Payload));
        Assert.Equal(GoldenVectors.LaneRecords(GoldenVectors.Extra("valid", vector.Name, "laneRecords")), GoldenVectors.Lanes(message));
        Assert.Equal(ProtocolError.None, message.LanesError);
    }

    [Theory]
    [MemberData(nameof(Tolerated))]
    public void A_bad_lane_report_is_dropped_with_its_error_and_the_heartbeat_stands(string name)
    {
        var vector = GoldenVectors.Load("tolerated", name);
        var expected = Enum.Parse<ProtocolError>(GoldenVectors.Extra("tolerated", name, "memberErrors").GetProperty("lanes").GetString()!);
        var message = new TelemetryMessage();

        Assert.Equal(ProtocolError.None, GoldenVectors.Decode(message, vector.Payload));
        Assert.Equal(expected, message.LanesError);
        Assert.Equal(0, message.LaneCount);
        Assert.Empty(GoldenVectors.Mismatches(vector.Fields, GoldenVectors.Describe(message)));
    }

    [Fact]
    public void A_telemetry_without_lanes_writes_no_lanes_member_and_reads_none()
    {
        var message = new TelemetryMessage { Session = 1, BufferCapacity = 10 };
        string text = System.Text.Encoding.UTF8.GetString(GoldenVectors.Encode(message));

        Assert.DoesNotContain("lanes", text, StringComparison.Ordinal);
        Assert.Equal(ProtocolError.None, GoldenVectors.Decode(message, GoldenVectors.Encode(message)));
        Assert.Equal(0, message.LaneCount);
    }

    [Fact]
    public void The_report_refuses_a_lane_past_its_bound_or_outside_its_rules()
    {
        var message = new TelemetryMessage();
        for (int flow = 0; flow < TelemetryMessage.MaxLanes; flow++)
        {
            Assert.True(message.AddLane(flow, 32, 1, 1, false));
        }

        Assert.False(message.AddLane(TelemetryMessage.MaxLanes, 32, 1, 1, false));
        message.ClearLanes();
        Assert.False(message.AddLane(1, 32, double.NaN, 1, false));
        Assert.False(message.AddLane(1, 32, 1, -1, false));
        Assert.False(message.AddLane(70000, 32, 1, 1, false));
        Assert.False(message.AddLane(1, -1, 1, 1, false));
        Assert.False(message.AddLane(1, ProtocolLimits.MaxUInt32 + 1, 1, 1, false));
        Assert.Equal(0, message.LaneCount);

        // A full report stays within the payload limit of docs/PROTOCOL.md section 5, with every other member at its widest.
        var full = new TelemetryMessage
        {
            Session = ProtocolLimits.MaxUInt32, TimestampMs = long.MaxValue, Rate = double.MaxValue, Forecast = double.MaxValue, Horizon = 100000,
            BufferFill = long.MaxValue, BufferCapacity = long.MaxValue, Dropped = long.MaxValue, Spilled = long.MaxValue, Unacked = long.MaxValue,
            FreeMemory = long.MaxValue, PreExpanded = true, Alarm = true, ModelDropped = long.MaxValue, ReactiveDropped = long.MaxValue,
        };
        for (int flow = 0; flow < TelemetryMessage.MaxLanes; flow++)
        {
            Assert.True(full.AddLane(65535 - flow, ProtocolLimits.MaxUInt32, double.MaxValue, double.MaxValue, true));
        }

        Assert.True(GoldenVectors.Encode(full).Length <= ProtocolLimits.MaxPayloadBytes);
    }
}
