namespace SocialPrescribing.Messaging.Tests;

internal static class Wait
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after a minute.</summary>
    public static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
