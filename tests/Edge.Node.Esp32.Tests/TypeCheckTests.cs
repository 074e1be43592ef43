using System;
using System.Collections.Generic;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// The build of tests/Edge.Node.Esp32.Nano is the type check; these tests show it has teeth. The app is compiled again
/// in-process against the same real mscorlib and facades, once as it is (no errors) and once with a planted call
/// nanoFramework does not have (the compiler's own error).
/// </summary>
public sealed class TypeCheckTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void The_glue_compiles_against_the_real_mscorlib_and_the_facades()
    {
        Assert.Empty(GlueCompilation.Errors(null));
    }

    [Theory]
    [InlineData("using nanoFramework.M2Mqtt; using nanoFramework.M2Mqtt.Messages;", "client.Publish(\"t\", new byte[1], MqttQoSLevel.AtLeastOnce, false);", "Publish")]
    [InlineData("using nanoFramework.M2Mqtt;", "client.Connect(\"id\", true);", "Connect")]
    [InlineData("using nanoFramework.M2Mqtt;", "new MqttClient(\"broker\").Close();", "MqttClient")]
    [InlineData("", "var list = new System.Collections.Generic.List<int>(); list.Add(1);", "error CS0234: The type or namespace name 'Generic' does not exist in the namespace 'System.Collections'")]
    [InlineData("", "System.Console.WriteLine(\"{0}\", 1);", "error CS1501: No overload for method 'WriteLine' takes 2 arguments")]
    [InlineData("", "System.Threading.Tasks.Task.Delay(1).Wait();", "error CS0234: The type or namespace name 'Tasks' does not exist in the namespace 'System.Threading'")]
    [Trait("Category", "Unit")]
    public void A_call_nanoframework_does_not_declare_fails_the_type_check(string usings, string call, string expected)
    {
        string planted = usings + "namespace Planted { static class Misuse { static void Run(nanoFramework.M2Mqtt.MqttClient client) { " + call + " } } }";

        List<string> errors = GlueCompilation.Errors(planted);

        Assert.Contains(errors, e => e.Contains("Planted.cs", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }
}
