document.querySelectorAll('table.sortable th').forEach(function(th,i){
  th.addEventListener('click',function(){
    var t=th.closest('table'),b=t.tBodies[0],rows=Array.from(b.rows),d=th.dataset.dir==='a'?-1:1;
    th.dataset.dir=d===1?'a':'d';
    rows.sort(function(x,y){var p=x.cells[i].dataset.v||x.cells[i].textContent,
      q=y.cells[i].dataset.v||y.cells[i].textContent,m=parseFloat(p),n=parseFloat(q);
      return (isNaN(m)||isNaN(n)?p.localeCompare(q):m-n)*d;});
    rows.forEach(function(r){b.appendChild(r);});});});
var charts=document.querySelectorAll('svg.chart'),w=0;
charts.forEach(function(s){w+=s.getBoundingClientRect().width;});
document.body.setAttribute('data-charts',charts.length);
document.body.setAttribute('data-chart-width',Math.round(w));
document.body.setAttribute('data-rendered','yes');
// QA filters: a finding row is shown when its code and its severity are both ticked. The
// state lives in the address (#code=NUM01,LEN01&severity=error; a key left out means all),
// read on load and on every change of the hash, and written back when a box is ticked.
(function(){
  var form=document.getElementById('qa-filter');
  if(!form)return;
  var keys=['code','severity'],rows=Array.from(document.querySelectorAll('tr.finding'));
  function boxes(k){return Array.from(form.querySelectorAll('input[name="'+k+'"]'));}
  function apply(){
    var on={};
    keys.forEach(function(k){on[k]={};boxes(k).forEach(function(b){
      b.defaultChecked=b.checked;if(b.checked)on[k][b.value]=1;});});  // the attribute shows it too
    var shown=0;
    rows.forEach(function(r){
      var v=on.code[r.dataset.code]===1&&on.severity[r.dataset.severity]===1;
      r.hidden=!v;if(v)shown++;});
    document.querySelectorAll('table.findings').forEach(function(t){
      var n=t.querySelectorAll('tr.finding:not([hidden])').length,
          all=t.querySelectorAll('tr.finding').length,
          h=t.previousElementSibling&&t.previousElementSibling.querySelector('.shown');
      if(h)h.textContent=n+' of '+all+' finding(s) shown';});
    document.getElementById('qa-shown').textContent=shown+' of '+rows.length+' findings shown';
    document.body.setAttribute('data-findings-shown',shown);
  }
  function fromHash(){
    var h=decodeURIComponent(location.hash.slice(1));
    if(!/(^|&)(code|severity)=/.test(h))return false;
    var p=new URLSearchParams(h);
    keys.forEach(function(k){
      var want=p.has(k)?p.get(k).split(','):null;
      boxes(k).forEach(function(b){b.checked=want===null||want.indexOf(b.value)>=0;});});
    return true;
  }
  function toHash(){
    var parts=[];
    keys.forEach(function(k){
      var bs=boxes(k),on=bs.filter(function(b){return b.checked;}).map(function(b){return b.value;});
      if(on.length<bs.length)parts.push(k+'='+on.join(','));});
    try{history.replaceState(null,'',parts.length?'#'+parts.join('&'):location.pathname+location.search);}
    catch(e){location.replace('#'+parts.join('&'));}
  }
  form.addEventListener('change',function(){apply();toHash();});
  form.querySelectorAll('button[data-set]').forEach(function(btn){
    btn.addEventListener('click',function(){
      boxes(btn.dataset.set).forEach(function(b){b.checked=btn.dataset.on==='1';});
      apply();toHash();});});
  window.addEventListener('hashchange',function(){if(fromHash())apply();});
  fromHash();apply();
})();
