using CsCheck;

namespace Edge.Protocol.Tests;

[Trait("Category", "Unit")]
public sealed class FlowSetTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("0-3,9", true)]
    [InlineData("9-10,12,65535", true)]
    [InlineData("", false)]
    [InlineData(",", false)]
    [InlineData("1,", false)]
    [InlineData("3-1", false)]
    [InlineData("1-", false)]
    [InlineData("-1", false)]
    [InlineData("65536", false)]
    [InlineData("1 ,2", false)]
    [InlineData("a", false)]
    public void A_set_is_well_formed_only_as_ids_and_ranges_separated_by_commas(string spec, bool valid)
    {
        Assert.Equal(valid, FlowSet.IsValid(spec));
    }

    [Fact]
    public void Membership_agrees_with_the_ranges_written_out()
    {
        Gen.Int[0, 300].Array[1, 5].Select(bounds => bounds.Order().ToArray()).Sample(bounds =>
        {
            var items = new List<string>();
            var members = new HashSet<int>();
            for (int i = 0; i + 1 < bounds.Length; i += 2)
            {
                items.Add(bounds[i] + "-" + bounds[i + 1]);
                members.UnionWith(Enumerable.Range(bounds[i], bounds[i + 1] - bounds[i] + 1));
            }

            if (bounds.Length % 2 == 1)
            {
                items.Add(bounds[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));
                members.Add(bounds[^1]);
            }

            string spec = string.Join(",", items);
            Assert.True(FlowSet.IsValid(spec), spec);
            for (int flow = 0; flow <= 301; flow++)
            {
                Assert.Equal(members.Contains(flow), FlowSet.Contains(spec, flow));
            }
        });
    }

    [Fact]
    public void A_birth_without_sources_excludes_no_flow_and_one_with_sources_excludes_the_others()
    {
        Assert.False(BirthMessage.Excludes("", 5));
        Assert.False(BirthMessage.Excludes("0-3,5", 5));
        Assert.True(BirthMessage.Excludes("0-3,9", 5));
    }
}
