using SocialPrescribing.Notifications.Model.Templates;

namespace SocialPrescribing.Notifications.Tests;

/// <summary>Templates as data, checked at start: what is wrong is named.</summary>
public sealed class TemplateTests
{
    [Fact]
    public void The_built_in_templates_are_whole()
    {
        var templates = NoticeTemplates.BuiltIn();

        var text = templates.Render("referral-acknowledgement", "text", "cy", new Dictionary<string, string>
        {
            ["name"] = "Ada", ["reference"] = "SP-2345-6789", ["status_link"] = "https://example.org/referral-status",
            ["opt_out_link"] = "https://example.org/notifications/opt-out/abc",
        });

        Assert.Null(text.Subject);
        Assert.Contains("SP-2345-6789", text.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"k":{"title":"K","optOut":false,"placeholders":["name"],"languages":{"en":{"email":{"subject":"Hi","body":"((nhs_number))"},"text":{"body":"x"},"letter":{"subject":"s","body":"b"}}}}}""", "unknown placeholder ((nhs_number))")]
    [InlineData("""{"k":{"title":"K","optOut":false,"placeholders":[],"languages":{"en":{"email":{"subject":"Hi","body":"x"},"text":{"body":"x"}}}}}""", "k/en/letter is missing")]
    [InlineData("""{"k":{"title":"K","optOut":false,"placeholders":[],"languages":{"en":{"email":{"subject":"Hi","body":"x"},"text":{"subject":"no","body":"x"},"letter":{"subject":"s","body":"b"}}}}}""", "a text has no subject")]
    [InlineData("""{"k":{"title":"K","placeholders":[],"languages":{"en":{"fax":{"body":"x"}}}}}""", "'fax' is not a channel")]
    [InlineData("""{"k":{"title":"K","placeholders":["opt_out_link"],"languages":{"en":{"email":{"subject":"Hi","body":"x"},"text":{"body":"x ((opt_out_link))"},"letter":{"subject":"s","body":"b"}}}}}""", "every email must offer a way to stop messages")]
    [InlineData("""{"k":{"placeholders":[],"languages":{"en":{"email":{"subject":"Hi","body":"x"}}}}}""", "k: needs a title")]
    public void A_wrong_template_is_refused_naming_what_is_wrong(string json, string problem)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => NoticeTemplates.Parse(json));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
    }
}
