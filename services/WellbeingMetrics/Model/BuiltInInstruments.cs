namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>The four standard instruments (DOMAIN.md), loaded into every new database.</summary>
public static class BuiltInInstruments
{
    private static readonly ResponseOption[] WarwickEdinburghOptions =
    [
        new(1, "None of the time"), new(2, "Rarely"), new(3, "Some of the time"), new(4, "Often"), new(5, "All of the time"),
    ];

    private static readonly (string Key, string Text)[] WemwbsStatements =
    [
        ("optimistic", "I've been feeling optimistic about the future"),
        ("useful", "I've been feeling useful"),
        ("relaxed", "I've been feeling relaxed"),
        ("interested-in-people", "I've been feeling interested in other people"),
        ("energy", "I've had energy to spare"),
        ("dealing-with-problems", "I've been dealing with problems well"),
        ("thinking-clearly", "I've been thinking clearly"),
        ("good-about-myself", "I've been feeling good about myself"),
        ("close-to-others", "I've been feeling close to other people"),
        ("confident", "I've been feeling confident"),
        ("own-mind", "I've been able to make up my own mind about things"),
        ("loved", "I've been feeling loved"),
        ("interested-in-new-things", "I've been interested in new things"),
        ("cheerful", "I've been feeling cheerful"),
    ];

    private static readonly string[] SwemwbsKeys =
        ["optimistic", "useful", "relaxed", "dealing-with-problems", "thinking-clearly", "close-to-others", "own-mind"];

    /// <summary>The published Rasch conversion of SWEMWBS raw totals (7–35) to metric scores.</summary>
    public static readonly IReadOnlyDictionary<int, decimal> SwemwbsMetric = new Dictionary<int, decimal>
    {
        [7] = 7.00m, [8] = 9.51m, [9] = 11.25m, [10] = 12.40m, [11] = 13.33m, [12] = 14.08m, [13] = 14.75m,
        [14] = 15.32m, [15] = 15.84m, [16] = 16.36m, [17] = 16.88m, [18] = 17.43m, [19] = 17.98m, [20] = 18.59m,
        [21] = 19.25m, [22] = 19.98m, [23] = 20.73m, [24] = 21.54m, [25] = 22.35m, [26] = 23.21m, [27] = 24.11m,
        [28] = 25.03m, [29] = 26.02m, [30] = 27.03m, [31] = 28.13m, [32] = 29.31m, [33] = 30.70m, [34] = 32.55m,
        [35] = 35.00m,
    };

    public static readonly InstrumentDefinition Ons4 = new(
        "ons4",
        "ONS4 personal wellbeing",
        "Four questions from the Office for National Statistics, each answered 0 to 10 and reported separately (never added up).",
        [
            new(1, "life-satisfaction", "Overall, how satisfied are you with your life nowadays?", 0, 10, "Not at all", "Completely"),
            new(2, "worthwhile", "Overall, to what extent do you feel that the things you do in your life are worthwhile?", 0, 10, "Not at all", "Completely"),
            new(3, "happiness", "Overall, how happy did you feel yesterday?", 0, 10, "Not at all", "Completely"),
            new(4, "anxiety", "Overall, how anxious did you feel yesterday?", 0, 10, "Not at all", "Completely", LowerIsBetter: true),
        ],
        [.. Enumerable.Range(0, 11).Select(v => new ResponseOption(v, v.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
        new InstrumentScoring(
            InstrumentScoring.Separate, null, null,
            ItemBands:
            [
                .. new[] { "life-satisfaction", "worthwhile", "happiness" }.SelectMany(key => new ScoreBand[]
                {
                    new(key, 0, 4, "low"), new(key, 5, 6, "medium"), new(key, 7, 8, "high"), new(key, 9, 10, "very high"),
                }),
                new("anxiety", 0, 1, "very low"), new("anxiety", 2, 3, "low"), new("anxiety", 4, 5, "medium"), new("anxiety", 6, 10, "high"),
            ],
            Notes: "Anxiety runs the other way: a lower score is better."),
        "Open Government Licence (Office for National Statistics)");

    public static readonly InstrumentDefinition Wemwbs = new(
        "wemwbs",
        "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)",
        "14 statements about the last 2 weeks, each answered 1 to 5; the total runs from 14 to 70.",
        [.. WemwbsStatements.Select((s, i) => new InstrumentItem(i + 1, s.Key, s.Text, 1, 5))],
        WarwickEdinburghOptions,
        new InstrumentScoring(InstrumentScoring.Sum, 14, 70, MeaningfulChange: 3m, Notes: "A change of 3 points or more is meaningful for a person."),
        "WEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh; free to use with registration");

    public static readonly InstrumentDefinition Swemwbs = new(
        "swemwbs",
        "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)",
        "7 statements about the last 2 weeks, each answered 1 to 5; the raw total (7 to 35) is converted to a metric score.",
        [.. SwemwbsKeys.Select((key, i) => new InstrumentItem(i + 1, key, WemwbsStatements.Single(s => s.Key == key).Text, 1, 5))],
        WarwickEdinburghOptions,
        new InstrumentScoring(InstrumentScoring.SumThenTable, 7, 35, SwemwbsMetric, MeaningfulChange: 2.87m, SmallChange: 1.03m,
            Notes: "Always report the metric score. Change of 1.03 (1 SEM) is small; 2.87 (2.77 SEM) is reliable."),
        "SWEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh; free to use with registration");

    public static readonly InstrumentDefinition Ucla3 = new(
        "ucla3",
        "UCLA 3-item loneliness scale",
        "Three questions about how often you feel lonely in different ways; the total runs from 3 to 9 (higher is lonelier).",
        [
            new(1, "lack-companionship", "How often do you feel that you lack companionship?", 1, 3),
            new(2, "left-out", "How often do you feel left out?", 1, 3),
            new(3, "isolated", "How often do you feel isolated from others?", 1, 3),
        ],
        [new(1, "Hardly ever or never"), new(2, "Some of the time"), new(3, "Often")],
        new InstrumentScoring(InstrumentScoring.Sum, 3, 9, Notes: "Higher scores mean more loneliness.", HigherIsBetter: false),
        "Published for free use (Hughes et al., 2004)",
        new SupplementaryQuestion(
            "ons-direct-loneliness",
            "How often do you feel lonely?",
            ["Often or always", "Some of the time", "Occasionally", "Hardly ever", "Never"]));

    public static readonly IReadOnlyList<InstrumentDefinition> All = [Ons4, Wemwbs, Swemwbs, Ucla3];
}
