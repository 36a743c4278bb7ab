"""Why a score is what it is (engine/evaluate/score_words.py): the tier that applied and why, or its parts."""

MESSAGES: dict[str, tuple[str, str]] = {
    "scores.tier": ("{label}:{score} 分(第 {tier} 档:{why})", "{label}: {score} points (tier {tier}: {why})"),
    "scores.otherwise": ("{label}:{score} 分(第 {tier} 档,以上各档均未达到:{why})",
                         "{label}: {score} points (tier {tier}, no tier above reached: {why})"),
    "scores.only": ("{label}:{score} 分", "{label}: {score} points"),
    "scores.greater_of": ("{label}:{score} 分(取 {parts} 中较高者)", "{label}: {score} points (the higher of {parts})"),
    "scores.sum": ("{label}:{score} 分(= {parts})", "{label}: {score} points (= {parts})"),
    "scores.part": ("{label} {score} 分", "{label} {score}"),
    "scores.and": (" 与 ", " and "),
    "scores.plus": (" + ", " + "),
}
