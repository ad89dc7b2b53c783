using SocialPrescribing.Geography;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Tests;

public sealed class ReferralRulesTests
{
    [Theory]
    [InlineData("9434765919", true)]
    [InlineData("943 476 5919", true)]
    [InlineData("4000000004", true)]
    [InlineData("4857773456", false)] // the NHS design example: the right shape, the wrong check digit
    [InlineData("9434765918", false)] // wrong check digit
    [InlineData("1234567890", false)] // check digit would be 10: never valid
    [InlineData("943476591", false)]
    [InlineData("94347659190", false)]
    [InlineData("94347659AB", false)]
    public void Nhs_number_is_checked_with_modulus_11(string input, bool valid) =>
        Assert.Equal(valid, ReferralRules.NormaliseNhsNumber(input) is not null);

    [Theory]
    [InlineData("ls14ap", "LS1 4AP")]
    [InlineData(" LS1  4AP ", "LS1 4AP")]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData("LS1", null)]
    [InlineData("12345", null)]
    [InlineData("LS1 4A", null)]
    public void Postcode_is_normalised_or_refused(string input, string? expected) =>
        Assert.Equal(expected, ReferralRules.NormalisePostcode(input));

    [Theory]
    [InlineData("LS1", true)]
    [InlineData("SW1A", true)]
    [InlineData("ZE3", true)]
    [InlineData("LS50", false)]
    [InlineData("QQ1", false)]
    public void Postcode_districts_are_the_real_ones(string outwardCode, bool exists)
    {
        Assert.Equal(exists, PostcodeDistricts.Exists(outwardCode));
        Assert.True(PostcodeDistricts.Count > 2_900);
    }

    [Theory]
    [InlineData("07700 900123", "07700900123")]
    [InlineData("+44 7700 900123", "07700900123")]
    [InlineData("(0113) 496-0000", "01134960000")]
    [InlineData("+44 (0)113 496 0000", "01134960000")]
    [InlineData("0044 7700 900123", "07700900123")]
    [InlineData("999", null)]
    [InlineData("0113 49", null)]
    [InlineData("07700 9001234567", null)]
    [InlineData("+1 202 555 0101", null)]
    [InlineData("+353 1 234 5678", null)]
    [InlineData("07700 900123 ext 5", null)]
    [InlineData("seven seven", null)]
    public void Phone_numbers_are_uk_numbers(string input, string? expected) =>
        Assert.Equal(expected, ReferralRules.NormalisePhone(input));

    [Fact]
    public void Reference_uses_no_look_alike_characters()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var reference = ReferenceGenerator.Next();
            Assert.True(ReferenceGenerator.LooksLikeReference(reference), reference);
            Assert.DoesNotContain(reference[3..], c => "01ILOU".Contains(c, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_mistyped_character_and_every_swap_of_neighbours_is_caught_by_the_check_character()
    {
        for (var i = 0; i < 200; i++)
        {
            var reference = ReferenceGenerator.Next();
            var body = reference[3..7] + reference[8..];
            for (var position = 0; position < 8; position++)
            {
                foreach (var other in ReferenceGenerator.Alphabet.Where(c => c != body[position]))
                {
                    var typo = body.ToCharArray();
                    typo[position] = other;
                    Assert.False(ReferenceGenerator.LooksLikeReference(Format(typo)), $"{reference} → {Format(typo)}");
                }

                if (position < 7 && body[position] != body[position + 1])
                {
                    var swapped = body.ToCharArray();
                    (swapped[position], swapped[position + 1]) = (swapped[position + 1], swapped[position]);
                    Assert.False(ReferenceGenerator.LooksLikeReference(Format(swapped)), $"{reference} → {Format(swapped)}");
                }
            }
        }

        static string Format(char[] body) => $"SP-{new string(body[..4])}-{new string(body[4..])}";
    }

    [Fact]
    public void Professional_referral_needs_a_referrer()
    {
        var errors = new Validation.ValidationErrors();
        var submission = new ReferralSubmission(
            ReferralChannel.Professional,
            new PersonDetails("Ada", "Lovelace", new DateOnly(1990, 12, 10), "LS1 4AP", "07700900123", null, null, null),
            ["money"], null, new ConsentAnswers(true, GpSharing.None), new RiskAnswers(false, false, false), null);

        Assert.Null(ReferralRules.Validate(submission, new DateOnly(2026, 11, 26), errors));
        Assert.NotNull(errors.FirstFor("referrer"));
    }
}
