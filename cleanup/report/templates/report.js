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
