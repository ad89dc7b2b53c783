using SocialPrescribing.Contracts;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>
/// A message goes only the way the person chose, to the contact they gave for it: never to another contact they happen to
/// have given, never when they did not say, never after they asked for no more.
/// </summary>
public sealed class ConsentTests
{
    [Theory]
    [InlineData("email", "ada@example.org", "07700 900111", "email", "ada@example.org")]
    [InlineData("text", "ada@example.org", "+44 7700 900111", "text", "07700900111")]
    [InlineData("phone", null, "07700 900111", "text", "07700900111")]
    [InlineData("email", null, "07700 900111", null, null)]        // chose email, gave none: not a text instead
    [InlineData("text", "ada@example.org", "0113 496 0000", null, null)] // a landline cannot take a text: not an email instead
    [InlineData("phone", "ada@example.org", "0113 496 0000", null, null)]
    [InlineData(null, "ada@example.org", "07700 900111", null, null)]     // did not say: nothing
    public void A_message_goes_only_the_way_the_person_chose(string? preferred, string? email, string? phone, string? channel, string? address)
    {
        var recipient = Recipient.From(Guid.NewGuid(), new NoticeRecipient("Ada", email, phone, preferred), DateTimeOffset.UtcNow);

        var (to, at, notSent) = recipient.Destination();

        Assert.Equal((channel, address), (to, at));
        Assert.Equal(channel is null, notSent is not null);
    }

    [Fact]
    public void Nothing_goes_to_a_person_who_asked_for_no_more_messages()
    {
        var recipient = Recipient.From(Guid.NewGuid(), new NoticeRecipient("Ada", "ada@example.org", null, "email"), DateTimeOffset.UtcNow);

        recipient.OptOut(DateTimeOffset.UtcNow);

        Assert.Equal((null, null, Recipient.OptedOutReason), recipient.Destination());
    }
}
