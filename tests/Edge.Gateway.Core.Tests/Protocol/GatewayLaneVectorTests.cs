using Edge.Gateway.Core.Fleet;
using Edge.Gateway.Core.Ingest;
using Edge.Gateway.Core.Ports;
using Edge.Protocol;
using Edge.Tests.Vectors;

namespace Edge.Gateway.Core.Tests.Protocol;

/// <summary>The gateway side of telemetry's lane report: its decoder against the vectors, good and tolerated.</summary>
[Trait("Category", "Unit")]
public sealed class GatewayLaneVectorTests
{
    public static TheoryData<string> Tolerated => GoldenVectors.Names("tolerated");

    [Fact]
    public void The_gateway_reads_each_lane_of_the_vector_as_the_fleet_keeps_it()
    {
        var vector = GoldenVectors.Load("valid", "telemetry-with-lanes");
        var decoder = new InboundDecoder();

        Assert.Equal(InboundKind.Telemetry, decoder.Decode(vector.Topic, vector.Payload, 0, vector.Payload.Length));
        var expected = GoldenVectors.LaneRecords(GoldenVectors.Extra("valid", vector.Name, "laneRecords"));
        var lanes = NodeTelemetry.From(decoder.Telemetry).Lanes!;
        Assert.Equal(expected, lanes.Select(l => (l.Flow, l.PreExpanded, l.Share, l.Rate, l.Forecast)).ToList());
    }

    [Theory]
    [MemberData(nameof(Tolerated))]
    public void A_heartbeat_with_a_bad_lane_report_is_still_a_heartbeat_without_lanes(string name)
    {
        var vector = GoldenVectors.Load("tolerated", name);
        var decoder = new InboundDecoder();

        Assert.Equal(InboundKind.Telemetry, decoder.Decode(vector.Topic, vector.Payload, 0, vector.Payload.Length));
        Assert.NotEqual(ProtocolError.None, decoder.Telemetry.LanesError);
        Assert.Empty(NodeTelemetry.From(decoder.Telemetry).Lanes!);
    }
}
