using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// The build of this project is the type check; these tests show the check has teeth. The glue is compiled again
/// in-process against the same facade and core, once as it is (no errors) and once with a planted call that
/// nanoFramework does not have (errors).
/// </summary>
public sealed class TypeCheckTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void The_glue_compiles_against_the_facade_and_the_core()
    {
        Assert.Empty(Errors(null));
    }

    [Theory]
    [InlineData("client.Publish(\"t\", new byte[1], MqttQoSLevel.AtLeastOnce, false);", "Publish")]
    [InlineData("client.Connect(\"id\", true);", "Connect")]
    [InlineData("new MqttClient(\"broker\").Close();", "MqttClient")]
    [Trait("Category", "Unit")]
    public void A_call_the_facade_does_not_declare_fails_the_type_check(string call, string member)
    {
        string planted = "using nanoFramework.M2Mqtt; using nanoFramework.M2Mqtt.Messages;"
            + "namespace Planted { static class Misuse { static void Run(MqttClient client) { " + call + " } } }";

        List<Diagnostic> errors = Errors(planted);

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(member, StringComparison.Ordinal));
    }

    private static List<Diagnostic> Errors(string planted)
    {
        return GlueCompilation.Errors(planted);
    }
}
