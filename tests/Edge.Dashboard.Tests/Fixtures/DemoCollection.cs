namespace Edge.Dashboard.Tests.Fixtures;

/// <summary>One demo gateway for every test that needs it, and those tests one after another: this is a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoGateway>
{
    public const string Name = "demo gateway";
}
