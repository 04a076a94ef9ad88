cockpit.locale({
    "": { "plural-forms": function () { return 0; }, "language": "ja" },
    "Virtualization": [null, "仮想化"],
    "Hosted Engine": [null, "Hosted Engine"],
    "Hosted Engine Wizard": [null, "Hosted Engine ウィザード"],
    "Open the wizard in a new tab": [null, "ウィザードを新しいタブで開く"],
    "The wizard cannot show here yet: set cockpit-origin = $0 in $1, then run hosted-engine-wizard-cockpit-setup and restart hosted-engine-wizard.":
        [null, "ウィザードはまだここに表示できません。$1 に cockpit-origin = $0 を設定し、hosted-engine-wizard-cockpit-setup を実行してから hosted-engine-wizard を再起動してください。"],
    "The wizard lets only Cockpit at $0 show it, but this Cockpit was opened at $1. Open Cockpit at $0, or change cockpit-origin in $2.":
        [null, "ウィザードを表示できるのは $0 の Cockpit だけですが、この Cockpit は $1 で開かれています。$0 で Cockpit を開くか、$2 の cockpit-origin を変更してください。"],
    "The plugin's config.json cannot be read ($0): run hosted-engine-wizard-cockpit-setup.":
        [null, "プラグインの config.json を読めません ($0)。hosted-engine-wizard-cockpit-setup を実行してください。"]
});
