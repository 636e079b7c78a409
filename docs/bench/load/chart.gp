# The load harness's chart: per scenario, the median throughput (top, log scale) and the median p99 latency (bottom)
# of target A and, in a paired run, target B, from the chart.dat that run.sh writes beside medians.csv.
#   gnuplot -e "data='results/X/chart.dat'; out='results/X/chart.png'; title='...'; paired=1" docs/bench/load/chart.gp
if (!exists("title")) title = "Staybook load harness"
if (!exists("paired")) paired = 0
set terminal pngcairo size 1400,900 font "sans,11"
set output out
set datafile separator "\t"
set datafile missing "?"
set key autotitle columnhead top right
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set xtics rotate by -30 nomirror
set multiplot layout 2,1 title title font "sans,14"
set ylabel "requests (or pgbench transactions) per second"
set logscale y
if (paired) {
  plot data using 2:xtic(1) title "A req/s" linecolor rgb "#4472c4", '' using 3 title "B req/s" linecolor rgb "#ed7d31"
} else {
  plot data using 2:xtic(1) title "req/s" linecolor rgb "#4472c4"
}
unset logscale y
set ylabel "p99 latency (ms)"
if (paired) {
  plot data using 4:xtic(1) title "A p99" linecolor rgb "#4472c4", '' using 5 title "B p99" linecolor rgb "#ed7d31"
} else {
  plot data using 4:xtic(1) title "p99" linecolor rgb "#4472c4"
}
unset multiplot
