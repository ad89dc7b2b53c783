using System.Net;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Identity.Model;

namespace SocialPrescribing.Identity.Tests;

/// <summary>
/// ASVS 2.2.1: guessing is slowed (429 with Retry-After) per account and per address, in the database every
/// copy shares; there is no lock-out a stranger can use against a colleague, and an unknown account is
/// answered exactly like a real one.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class SignInThrottleTests(IdentityFactory factory)
{
    private const int Free = SignInThrottle.FreeAccountFailures;

    [Fact]
    public async Task Wrong_passwords_slow_an_account_down_and_an_unknown_account_gets_the_very_same_answers()
    {
        var real = await factory.CreateUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}"[..20];

        var realAnswers = await GuessAsync(real, IdentityFactory.NewAddress());
        var unknownAnswers = await GuessAsync(unknown, IdentityFactory.NewAddress());

        Assert.Equal(realAnswers.Select(a => a.Status), unknownAnswers.Select(a => a.Status));
        Assert.Equal(realAnswers.Select(a => a.Problem), unknownAnswers.Select(a => a.Problem));
        Assert.All(realAnswers.Take(Free), a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        Assert.All(realAnswers.Skip(Free), a => Assert.Equal((HttpStatusCode)429, a.Status));
        Assert.All(realAnswers.Skip(Free), a => Assert.InRange(a.RetryAfter!.Value, 1, 30));
        Assert.DoesNotContain(realAnswers, a => a.Problem.Contains("locked", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task While_slowed_even_the_right_password_waits_and_after_the_wait_it_works_no_lock_out()
    {
        var username = await factory.CreateUserAsync();
        var stranger = factory.Browser(IdentityFactory.NewAddress());
        for (var i = 0; i < Free; i++)
        {
            await IdentityFactory.SignInFormAsync(stranger, username, "wrong-" + i);
        }

        var colleague = factory.Browser(IdentityFactory.NewAddress());
        var waiting = await IdentityFactory.SignInFormAsync(colleague, username, IdentityFactory.RightPassword);
        await factory.AgeSignInFailuresAsync(SignInThrottle.FirstAccountWait);
        var later = await IdentityFactory.SignInFormAsync(colleague, username, IdentityFactory.RightPassword);

        Assert.Equal((HttpStatusCode)429, waiting.StatusCode);
        Assert.NotNull(waiting.Headers.RetryAfter?.Delta);
        Assert.Contains("too many tries", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task A_colleague_on_a_browser_they_signed_in_on_before_is_not_slowed_by_a_strangers_guessing()
    {
        var username = await factory.CreateUserAsync();
        var colleague = factory.Browser(IdentityFactory.NewAddress());
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityFactory.SignInFormAsync(colleague, username, IdentityFactory.RightPassword)).StatusCode);

        var stranger = factory.Browser(IdentityFactory.NewAddress());
        var strangerAnswers = new List<HttpStatusCode>();
        for (var i = 0; i <= Free; i++)
        {
            strangerAnswers.Add((await IdentityFactory.SignInFormAsync(stranger, username, "wrong-" + i)).StatusCode);
        }

        var again = await IdentityFactory.SignInFormAsync(colleague, username, IdentityFactory.RightPassword);

        Assert.Equal((HttpStatusCode)429, strangerAnswers[^1]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task A_burst_of_parallel_guesses_gets_no_more_than_the_free_tries()
    {
        var username = await factory.CreateUserAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            factory.PasswordGrantFromAsync(IdentityFactory.NewAddress(), username, "wrong-" + i)));

        // Each try is counted before it is checked: tries running side by side see each other, so at most the
        // free tries are checked (fewer when they all start together), never more.
        Assert.InRange(answers.Count(a => a.Response.StatusCode == HttpStatusCode.BadRequest), 0, Free);
        Assert.All(answers, a => Assert.Contains(a.Response.StatusCode, new[] { HttpStatusCode.BadRequest, (HttpStatusCode)429 }));
    }

    [Fact]
    public async Task The_token_endpoint_is_throttled_alike_with_retry_after_and_no_difference_for_unknown_accounts()
    {
        var real = await factory.CreateUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}"[..20];
        var address = IdentityFactory.NewAddress();

        var realAnswers = new List<(HttpStatusCode, string)>();
        var unknownAnswers = new List<(HttpStatusCode, string)>();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= Free; i++)
        {
            var (response, body) = await factory.PasswordGrantFromAsync(address, real, "wrong-" + i);
            realAnswers.Add((response.StatusCode, WithoutTheWait(body["error_description"]!.GetValue<string>())));
            var (other, otherBody) = await factory.PasswordGrantFromAsync(address, unknown, "wrong-" + i);
            unknownAnswers.Add((other.StatusCode, WithoutTheWait(otherBody["error_description"]!.GetValue<string>())));
            last = response;
        }

        Assert.Equal(realAnswers, unknownAnswers);
        Assert.Equal((HttpStatusCode)429, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task One_address_guessing_across_many_accounts_is_throttled_but_another_address_is_not()
    {
        var address = IdentityFactory.NewAddress();
        for (var i = 0; i < SignInThrottle.AddressFailures; i++)
        {
            var (response, _) = await factory.PasswordGrantFromAsync(address, $"sprayed-{i}-{Guid.NewGuid():N}"[..24], "Summer2026!");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var (throttled, _) = await factory.PasswordGrantFromAsync(address, "callhandler", "Dev-Passw0rd!");
        var (elsewhere, _) = await factory.PasswordGrantFromAsync(IdentityFactory.NewAddress(), "callhandler", "Dev-Passw0rd!");

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_failure_is_counted_under_hashes_never_the_name_or_address_typed()
    {
        var username = $"typed-{Guid.NewGuid():N}"[..20];
        var address = IdentityFactory.NewAddress();
        await factory.PasswordGrantFromAsync(address, username, "wrong");

        await using var connection = new Npgsql.NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT key FROM sign_in_failures", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Contains(SignInAttempts.AccountKey(username), keys);
        Assert.DoesNotContain(keys, k => k.Contains(username, StringComparison.OrdinalIgnoreCase) || k.Contains(address, StringComparison.Ordinal));
    }

    /// <summary>The wait in words differs by a second or so between two tries; compare the message without it.</summary>
    private static string WithoutTheWait(string message) => System.Text.RegularExpressions.Regex.Replace(message, @"Wait \d+ \w+", "Wait N");

    private async Task<List<(HttpStatusCode Status, string Problem, int? RetryAfter)>> GuessAsync(string username, string address)
    {
        var browser = factory.Browser(address);
        var answers = new List<(HttpStatusCode, string, int?)>();
        for (var i = 0; i < Free + 2; i++)
        {
            var response = await IdentityFactory.SignInFormAsync(browser, username, "wrong-" + i);
            var html = await response.Content.ReadAsStringAsync();
            var problem = System.Text.RegularExpressions.Regex.Match(html, "<li><a href=\"#username\">([^<]*)</a></li>").Groups[1].Value;
            problem = WithoutTheWait(problem);
            answers.Add((response.StatusCode, problem, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds));
        }

        return answers;
    }
}

/// <summary>The throttle's rule on its own.</summary>
public sealed class SignInThrottleRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_free_tries_go_ahead_at_once() =>
        Assert.Null(SignInThrottle.WaitBeforeTrying(Failures(SignInThrottle.FreeAccountFailures - 1, TimeSpan.FromSeconds(1)), [], Now));

    [Theory]
    [InlineData(5, 30)]
    [InlineData(6, 60)]
    [InlineData(7, 120)]
    [InlineData(9, 480)]
    [InlineData(10, 900)]
    [InlineData(40, 900)]
    public void Each_further_failure_doubles_the_wait_up_to_fifteen_minutes(int failures, int seconds)
    {
        // The latest failure was just now.
        var wait = SignInThrottle.WaitBeforeTrying(Failures(failures, TimeSpan.Zero), [], Now);

        Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
    }

    [Fact]
    public void Failures_older_than_the_window_are_forgotten() =>
        Assert.Null(SignInThrottle.WaitBeforeTrying(Failures(20, SignInThrottle.Window + TimeSpan.FromSeconds(1)), [], Now));

    [Fact]
    public void An_address_is_free_again_when_enough_failures_have_left_the_window()
    {
        // 50 failures, one a second, the latest a second ago: the 50th newest was 50 seconds ago.
        var address = Enumerable.Range(1, SignInThrottle.AddressFailures).Select(i => Now - TimeSpan.FromSeconds(i)).ToList();

        var wait = SignInThrottle.WaitBeforeTrying([], address, Now);

        Assert.Equal(SignInThrottle.Window - TimeSpan.FromSeconds(SignInThrottle.AddressFailures), wait);
    }

    [Theory]
    [InlineData(0.2, "1 second")]
    [InlineData(30, "30 seconds")]
    [InlineData(61, "2 minutes")]
    [InlineData(900, "15 minutes")]
    public void The_wait_is_told_in_words(double seconds, string words) =>
        Assert.Equal(words, SignInThrottle.InWords(TimeSpan.FromSeconds(seconds)));

    private static List<DateTimeOffset> Failures(int count, TimeSpan latestAgo) =>
        [.. Enumerable.Range(0, count).Select(i => Now - latestAgo - TimeSpan.FromMilliseconds(i))];
}
